using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SensorStream.Contracts.SchemaRegistry;

/// <summary>
/// HTTP client for the Confluent Schema Registry REST API (v1 content types). Schema ids are immutable, so schemas by id and
/// ids by (subject, schema) are cached for the client's lifetime; everything else goes to the registry. Thread-safe; create
/// one per process.
/// </summary>
public sealed class SchemaRegistryClient : ISchemaRegistryClient, IDisposable
{
    private const string ContentType = "application/vnd.schemaregistry.v1+json";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly ConcurrentDictionary<int, string> _schemasById = new();
    private readonly ConcurrentDictionary<(string Subject, string Schema), int> _idsBySchema = new();

    /// <summary>Creates a client with its own <see cref="HttpClient"/>.</summary>
    public SchemaRegistryClient(SchemaRegistryClientOptions options)
        : this(new HttpClient(), options, ownsHttpClient: true)
    {
    }

    /// <summary>Creates a client over <paramref name="httpClient"/> (e.g. from <c>IHttpClientFactory</c>); it is not disposed with the client.</summary>
    public SchemaRegistryClient(HttpClient httpClient, SchemaRegistryClientOptions options)
        : this(httpClient, options, ownsHttpClient: false)
    {
    }

    private SchemaRegistryClient(HttpClient httpClient, SchemaRegistryClientOptions options, bool ownsHttpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        _ownsHttp = ownsHttpClient;
        var url = options.Url.ToString();
        _http.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
        _http.Timeout = options.RequestTimeout;
        _http.DefaultRequestHeaders.Accept.ParseAdd(ContentType);
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.schemaregistry+json; q=0.9");
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json; q=0.5");
        if (options.BasicAuthUserInfo is { } userInfo)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo)));
        }
    }

    /// <inheritdoc/>
    public async Task<int> RegisterSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        if (_idsBySchema.TryGetValue((subject, schema), out var cached))
        {
            return cached;
        }
        using var response = await SendAsync(HttpMethod.Post, $"subjects/{Escape(subject)}/versions", SchemaBody(schema), cancellationToken).ConfigureAwait(false);
        var id = response.RootElement.GetProperty("id").GetInt32();
        _idsBySchema[(subject, schema)] = id;
        _schemasById.TryAdd(id, schema);
        return id;
    }

    /// <inheritdoc/>
    public async Task<RegisteredSchema> LookupSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, $"subjects/{Escape(subject)}", SchemaBody(schema), cancellationToken).ConfigureAwait(false);
        var registered = ReadRegistered(response.RootElement, subject);
        _idsBySchema[(subject, schema)] = registered.Id;
        return registered;
    }

    /// <inheritdoc/>
    public async Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken = default)
    {
        if (_schemasById.TryGetValue(id, out var cached))
        {
            return cached;
        }
        using var response = await SendAsync(HttpMethod.Get, $"schemas/ids/{id}", null, cancellationToken).ConfigureAwait(false);
        var schema = response.RootElement.GetProperty("schema").GetString()!;
        return _schemasById.GetOrAdd(id, schema);
    }

    /// <inheritdoc/>
    public async Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"subjects/{Escape(subject)}/versions/latest", null, cancellationToken).ConfigureAwait(false);
        return ReadRegistered(response.RootElement, subject);
    }

    /// <inheritdoc/>
    public async Task<RegisteredSchema> GetSchemaVersionAsync(string subject, int version, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"subjects/{Escape(subject)}/versions/{version}", null, cancellationToken).ConfigureAwait(false);
        return ReadRegistered(response.RootElement, subject);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> GetSubjectsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, "subjects", null, cancellationToken).ConfigureAwait(false);
        return response.RootElement.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<int>> GetVersionsAsync(string subject, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"subjects/{Escape(subject)}/versions", null, cancellationToken).ConfigureAwait(false);
        return response.RootElement.EnumerateArray().Select(e => e.GetInt32()).ToList();
    }

    /// <inheritdoc/>
    public async Task<bool> IsCompatibleAsync(string subject, string schema, int? version = null, CancellationToken cancellationToken = default)
    {
        var path = $"compatibility/subjects/{Escape(subject)}/versions/{(version is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "latest")}";
        using var response = await SendAsync(HttpMethod.Post, path, SchemaBody(schema), cancellationToken).ConfigureAwait(false);
        return response.RootElement.GetProperty("is_compatible").GetBoolean();
    }

    /// <inheritdoc/>
    public async Task<CompatibilityLevel> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Get, subject is null ? "config" : $"config/{Escape(subject)}", null, cancellationToken).ConfigureAwait(false);
        var name = response.RootElement.GetProperty("compatibilityLevel").GetString();
        return CompatibilityLevels.TryParse(name, out var level)
            ? level
            : throw new SchemaRegistryException(200, 0, $"registry answered an unknown compatibility level '{name}'");
    }

    /// <inheritdoc/>
    public async Task SetCompatibilityAsync(CompatibilityLevel level, string? subject = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["compatibility"] = level.ToWireName() };
        using var _ = await SendAsync(HttpMethod.Put, subject is null ? "config" : $"config/{Escape(subject)}", body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent = false, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"subjects/{Escape(subject)}{(permanent ? "?permanent=true" : string.Empty)}", null, cancellationToken).ConfigureAwait(false);
        return response.RootElement.EnumerateArray().Select(e => e.GetInt32()).ToList();
    }

    /// <inheritdoc/>
    public async Task<int> DeleteVersionAsync(string subject, int version, bool permanent = false, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"subjects/{Escape(subject)}/versions/{version}{(permanent ? "?permanent=true" : string.Empty)}", null, cancellationToken).ConfigureAwait(false);
        return response.RootElement.GetInt32();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static JsonObject SchemaBody(string schema) => new() { ["schema"] = schema };

    private static string Escape(string subject) => Uri.EscapeDataString(subject);

    private static RegisteredSchema ReadRegistered(JsonElement root, string subject) => new(
        root.TryGetProperty("subject", out var s) ? s.GetString()! : subject,
        root.GetProperty("version").GetInt32(),
        root.GetProperty("id").GetInt32(),
        root.GetProperty("schema").GetString()!,
        root.TryGetProperty("schemaType", out var t) ? t.GetString()! : "AVRO");

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        }
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw ToException((int)response.StatusCode, text);
        }
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new SchemaRegistryException((int)response.StatusCode, 0, $"registry answered {method} {path} with invalid JSON", e);
        }
    }

    private static SchemaRegistryException ToException(int status, string body)
    {
        try
        {
            using var error = JsonDocument.Parse(body);
            var code = error.RootElement.TryGetProperty("error_code", out var c) && c.TryGetInt32(out var parsed) ? parsed : status;
            var message = error.RootElement.TryGetProperty("message", out var m) ? m.GetString() ?? body : body;
            return new SchemaRegistryException(status, code, message);
        }
        catch (JsonException)
        {
            return new SchemaRegistryException(status, status, body.Length == 0 ? $"HTTP {status}" : body);
        }
    }
}
