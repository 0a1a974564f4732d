namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>CreateTopics request (key 19), v0–4. Replica assignments and factors other than 1/-1 are refused by the handler.</summary>
internal sealed record CreateTopicsRequest(IReadOnlyList<CreateTopicsRequest.NewTopic> Topics, bool ValidateOnly)
{
    public static CreateTopicsRequest Read(ref KafkaReader reader)
    {
        var topics = reader.ReadArray(static (ref KafkaReader r) =>
        {
            var name = r.ReadString();
            var partitions = r.ReadInt32();
            var replication = r.ReadInt16();
            var assignments = r.ReadArray(static (ref KafkaReader ar) =>
            {
                ar.ReadInt32();
                return ar.ReadArray(static (ref KafkaReader br) => br.ReadInt32());
            });
            var configs = r.ReadArray(static (ref KafkaReader cr) => KeyValuePair.Create(cr.ReadString(), cr.ReadNullableString()));
            return new NewTopic(name, partitions, replication, assignments.Length, configs);
        });
        reader.ReadInt32(); // timeout_ms: creation is immediate
        var validateOnly = reader.Version >= 1 && reader.ReadBool();
        return new CreateTopicsRequest(topics, validateOnly);
    }

    internal sealed record NewTopic(string Name, int Partitions, short ReplicationFactor, int AssignmentCount, IReadOnlyList<KeyValuePair<string, string?>> Configs);
}
