namespace SensorStream.EmbeddedBroker.Protocol;

/// <summary>The request header every Kafka request starts with (v1 for classic versions, v2 for flexible ones).</summary>
/// <param name="ApiKey">The API being called (a raw number: unknown keys must still be reported).</param>
/// <param name="ApiVersion">The version of that API's request and response layouts.</param>
/// <param name="CorrelationId">Echoed in the response so clients can match it.</param>
/// <param name="ClientId">The client's self-declared id, for logs and group member descriptions.</param>
internal readonly record struct RequestHeader(short ApiKey, short ApiVersion, int CorrelationId, string? ClientId)
{
    /// <summary>Reads the fixed part (key, version, correlation id, client id); tagged fields come after for header v2.</summary>
    public static RequestHeader Read(ref KafkaReader reader)
    {
        var apiKey = reader.ReadInt16();
        var apiVersion = reader.ReadInt16();
        var correlationId = reader.ReadInt32();
        // The client id is a classic nullable string even in the flexible header v2.
        var wasFlexible = reader.Flexible;
        reader.Flexible = false;
        var clientId = reader.ReadNullableString();
        reader.Flexible = wasFlexible;
        return new RequestHeader(apiKey, apiVersion, correlationId, clientId);
    }
}
