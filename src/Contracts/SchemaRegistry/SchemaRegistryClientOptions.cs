namespace SensorStream.Contracts.SchemaRegistry;

/// <summary>Where and how <see cref="SchemaRegistryClient"/> reaches the registry.</summary>
public sealed class SchemaRegistryClientOptions
{
    /// <summary>Base URL of the registry. Default <c>http://localhost:8081</c> (the embedded broker's HTTP port).</summary>
    public Uri Url { get; set; } = new("http://localhost:8081");

    /// <summary>Timeout of each request. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>user:password</c> for HTTP basic authentication (Confluent Cloud style), or null for none. Default null.</summary>
    public string? BasicAuthUserInfo { get; set; }
}
