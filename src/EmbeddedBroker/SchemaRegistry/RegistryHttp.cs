using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SensorStream.Contracts.SchemaRegistry;

namespace SensorStream.EmbeddedBroker.SchemaRegistry;

/// <summary>HTTP plumbing shared by the registry endpoints: Confluent's content type, error bodies, request parsing.</summary>
internal static class RegistryHttp
{
    public const string ContentType = "application/vnd.schemaregistry.v1+json";

    /// <summary>Largest request body read; a schema is a few kilobytes, so this only stops abuse.</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    public static Task WriteJsonAsync(HttpContext context, JsonNode? body, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        return context.Response.WriteAsync(body?.ToJsonString() ?? "null", context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, int status, int errorCode, string message) =>
        WriteJsonAsync(context, new JsonObject { ["error_code"] = errorCode, ["message"] = message }, status);

    /// <summary>Runs a handler, turning registry errors into Confluent error bodies.</summary>
    public static RequestDelegate Handle(Func<HttpContext, Task> handler) => async context =>
    {
        try
        {
            await handler(context);
        }
        catch (SchemaRegistryException e)
        {
            await WriteErrorAsync(context, e.HttpStatus, e.ErrorCode, e.ErrorMessage);
        }
        catch (RegistryBadRequestException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, SchemaRegistryErrorCodes.BadRequest, e.Message);
        }
    };

    /// <summary>
    /// Reads the JSON object body whatever its declared content type (Confluent accepts its own types, application/json and
    /// application/octet-stream, and clients send all three).
    /// </summary>
    public static async Task<JsonElement> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new RegistryBadRequestException($"request body exceeds {MaxBodyBytes} bytes");
            }
            buffer.Write(chunk, 0, read);
        }
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.Clone()
                : throw new RegistryBadRequestException($"request body must be a JSON object, not {document.RootElement.ValueKind}");
        }
        catch (JsonException e)
        {
            throw new RegistryBadRequestException($"request body is not valid JSON: {e.Message}");
        }
    }

    /// <summary>The <c>schema</c> string of a register/lookup/compatibility body, and its <c>schemaType</c>; references are refused.</summary>
    public static (string Schema, string? SchemaType) ReadSchemaRequest(JsonElement body)
    {
        if (!body.TryGetProperty("schema", out var schema) || schema.ValueKind != JsonValueKind.String || schema.GetString()!.Length == 0)
        {
            throw new SchemaRegistryException(422, SchemaRegistryErrorCodes.InvalidSchema, "Invalid schema: the body needs a non-empty string field 'schema'");
        }
        string? schemaType = null;
        if (body.TryGetProperty("schemaType", out var type) && type.ValueKind != JsonValueKind.Null)
        {
            schemaType = type.ValueKind == JsonValueKind.String
                ? type.GetString()
                : throw new SchemaRegistryException(422, SchemaRegistryErrorCodes.InvalidSchema, "Invalid schema: 'schemaType' must be a string");
        }
        if (body.TryGetProperty("references", out var references) && references.ValueKind == JsonValueKind.Array && references.GetArrayLength() > 0)
        {
            throw new SchemaRegistryException(422, SchemaRegistryErrorCodes.InvalidSchema, "Invalid schema: schema references are not supported by this registry");
        }
        return (schema.GetString()!, schemaType);
    }

    /// <summary>A version path segment: a positive integer, or <c>latest</c> / <c>-1</c> (null result).</summary>
    public static int? ParseVersion(string? text)
    {
        if (string.Equals(text, "latest", StringComparison.OrdinalIgnoreCase) || text == "-1")
        {
            return null;
        }
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new SchemaRegistryException(422, SchemaRegistryErrorCodes.InvalidVersion,
                $"The specified version '{text}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    public static string Route(HttpContext context, string name) =>
        context.Request.RouteValues[name] as string ?? throw new RegistryBadRequestException($"missing route value '{name}'");

    public static bool QueryFlag(HttpContext context, string name) =>
        string.Equals(context.Request.Query[name].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    public static JsonObject ToJson(RegisteredSchema registered)
    {
        return new JsonObject
        {
            ["subject"] = registered.Subject,
            ["version"] = registered.Version,
            ["id"] = registered.Id,
            ["schema"] = registered.Schema,
        };
    }

    public static JsonArray ToJsonArray<T>(IEnumerable<T> items) => new(items.Select(i => JsonValue.Create(i)).ToArray<JsonNode?>());
}
