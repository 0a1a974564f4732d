namespace SensorStream.EmbeddedBroker.SchemaRegistry;

/// <summary>A registry request that is not even well-formed (not JSON, not an object): answered with HTTP 400.</summary>
internal sealed class RegistryBadRequestException(string message) : Exception(message);
