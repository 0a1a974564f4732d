using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SensorStream.Contracts.SchemaRegistry;
using static SensorStream.EmbeddedBroker.SchemaRegistry.RegistryHttp;

namespace SensorStream.EmbeddedBroker.SchemaRegistry;

/// <summary>Maps Confluent's Schema Registry REST API (the subset SensorStream and common clients use) onto a <see cref="SchemaRegistryStore"/>.</summary>
public static class SchemaRegistryEndpoints
{
    /// <summary>
    /// Maps <c>/subjects</c>, <c>/schemas</c>, <c>/compatibility</c> and <c>/config</c> with Confluent's JSON shapes, content type
    /// <c>application/vnd.schemaregistry.v1+json</c> and error bodies <c>{"error_code":…,"message":…}</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapSchemaRegistry(this IEndpointRouteBuilder endpoints, SchemaRegistryStore store)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(store);

        endpoints.MapGet("/", Handle(context => WriteJsonAsync(context, new JsonObject())));
        endpoints.MapGet("/schemas/types", Handle(context => WriteJsonAsync(context, new JsonArray("AVRO"))));
        endpoints.MapGet("/schemas/ids/{id}", Handle(context =>
        {
            var id = int.TryParse(Route(context, "id"), out var parsed) ? parsed : throw new SchemaRegistryException(404, SchemaRegistryErrorCodes.SchemaNotFound, "Schema not found");
            return WriteJsonAsync(context, new JsonObject { ["schema"] = store.GetSchema(id) });
        }));
        endpoints.MapGet("/subjects", Handle(context =>
            WriteJsonAsync(context, ToJsonArray(store.GetSubjects(QueryFlag(context, "deleted"))))));
        endpoints.MapPost("/subjects/{subject}/versions", Handle(async context =>
        {
            var (schema, type) = ReadSchemaRequest(await ReadBodyAsync(context));
            var registered = store.Register(Route(context, "subject"), schema, type);
            await WriteJsonAsync(context, new JsonObject { ["id"] = registered.Id });
        }));
        endpoints.MapPost("/subjects/{subject}", Handle(async context =>
        {
            var (schema, type) = ReadSchemaRequest(await ReadBodyAsync(context));
            await WriteJsonAsync(context, ToJson(store.Lookup(Route(context, "subject"), schema, type)));
        }));
        endpoints.MapGet("/subjects/{subject}/versions", Handle(context =>
            WriteJsonAsync(context, ToJsonArray(store.GetVersions(Route(context, "subject"))))));
        endpoints.MapGet("/subjects/{subject}/versions/{version}", Handle(context =>
            WriteJsonAsync(context, ToJson(store.GetVersion(Route(context, "subject"), ParseVersion(Route(context, "version")))))));
        endpoints.MapGet("/subjects/{subject}/versions/{version}/schema", Handle(async context =>
        {
            var registered = store.GetVersion(Route(context, "subject"), ParseVersion(Route(context, "version")));
            context.Response.ContentType = ContentType;
            await context.Response.WriteAsync(registered.Schema, context.RequestAborted);
        }));
        endpoints.MapDelete("/subjects/{subject}", Handle(context =>
            WriteJsonAsync(context, ToJsonArray(store.DeleteSubject(Route(context, "subject"), QueryFlag(context, "permanent"))))));
        endpoints.MapDelete("/subjects/{subject}/versions/{version}", Handle(context =>
        {
            var version = store.DeleteVersion(Route(context, "subject"), ParseVersion(Route(context, "version")), QueryFlag(context, "permanent"));
            return WriteJsonAsync(context, JsonValue.Create(version));
        }));
        endpoints.MapPost("/compatibility/subjects/{subject}/versions/{version}", Handle(context =>
            CompatibilityAsync(context, store, ParseVersion(Route(context, "version")), allVersions: false)));
        endpoints.MapPost("/compatibility/subjects/{subject}/versions", Handle(context =>
            CompatibilityAsync(context, store, null, allVersions: true)));
        endpoints.MapGet("/config", Handle(context =>
            WriteJsonAsync(context, new JsonObject { ["compatibilityLevel"] = store.GetGlobalCompatibility().ToWireName() })));
        endpoints.MapPut("/config", Handle(async context =>
        {
            var level = await ReadLevelAsync(context);
            store.SetCompatibility(level);
            await WriteJsonAsync(context, new JsonObject { ["compatibility"] = level.ToWireName() });
        }));
        endpoints.MapGet("/config/{subject}", Handle(context =>
        {
            var subject = Route(context, "subject");
            var level = store.GetSubjectCompatibility(subject);
            if (level is null && QueryFlag(context, "defaultToGlobal"))
            {
                level = store.GetGlobalCompatibility();
            }
            return level is { } found
                ? WriteJsonAsync(context, new JsonObject { ["compatibilityLevel"] = found.ToWireName() })
                : throw new SchemaRegistryException(404, SchemaRegistryErrorCodes.SubjectLevelCompatibilityNotConfigured,
                    $"Subject '{subject}' does not have subject-level compatibility configured");
        }));
        endpoints.MapPut("/config/{subject}", Handle(async context =>
        {
            var level = await ReadLevelAsync(context);
            store.SetCompatibility(level, Route(context, "subject"));
            await WriteJsonAsync(context, new JsonObject { ["compatibility"] = level.ToWireName() });
        }));
        endpoints.MapDelete("/config/{subject}", Handle(context =>
            WriteJsonAsync(context, new JsonObject { ["compatibilityLevel"] = store.DeleteSubjectCompatibility(Route(context, "subject")).ToWireName() })));
        return endpoints;
    }

    private static async Task CompatibilityAsync(HttpContext context, SchemaRegistryStore store, int? version, bool allVersions)
    {
        var (schema, type) = ReadSchemaRequest(await ReadBodyAsync(context));
        var problems = store.CheckCompatibility(Route(context, "subject"), version, schema, allVersions, type);
        var result = new JsonObject { ["is_compatible"] = problems.Count == 0 };
        if (QueryFlag(context, "verbose"))
        {
            result["messages"] = ToJsonArray(problems);
        }
        await WriteJsonAsync(context, result);
    }

    private static async Task<CompatibilityLevel> ReadLevelAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        var name = body.TryGetProperty("compatibility", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
        return CompatibilityLevels.TryParse(name, out var level)
            ? level
            : throw new SchemaRegistryException(422, SchemaRegistryErrorCodes.InvalidCompatibilityLevel, $"Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive");
    }
}
