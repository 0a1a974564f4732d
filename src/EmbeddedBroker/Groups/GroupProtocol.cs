namespace SensorStream.EmbeddedBroker.Groups;

/// <summary>One assignment protocol a member supports (e.g. <c>range</c>) with its opaque subscription metadata.</summary>
internal sealed record GroupProtocol(string Name, ReadOnlyMemory<byte> Metadata);
