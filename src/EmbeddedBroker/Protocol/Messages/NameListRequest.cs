namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>A request that is a list of names (and, for DeleteTopics, a timeout): DeleteGroups and DeleteTopics.</summary>
internal sealed record NameListRequest(IReadOnlyList<string> Names)
{
    public static NameListRequest ReadNames(ref KafkaReader reader) => new(reader.ReadArray(static (ref KafkaReader r) => r.ReadString()));

    public static NameListRequest ReadNamesThenTimeout(ref KafkaReader reader)
    {
        var request = ReadNames(ref reader);
        reader.ReadInt32(); // timeout_ms: deletion is immediate
        return request;
    }
}
