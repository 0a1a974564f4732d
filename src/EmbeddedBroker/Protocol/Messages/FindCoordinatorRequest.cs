namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>FindCoordinator request (key 10), v0–2: the group (key type 0) or transactional id (1) to locate.</summary>
internal sealed record FindCoordinatorRequest(string Key, sbyte KeyType)
{
    public const sbyte GroupKey = 0;

    public static FindCoordinatorRequest Read(ref KafkaReader reader) =>
        new(reader.ReadString(), reader.Version >= 1 ? reader.ReadInt8() : GroupKey);
}
