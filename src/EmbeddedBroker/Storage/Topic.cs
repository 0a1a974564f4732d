namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>A topic: its partitions' logs and its configuration, both replaceable as a whole (copy-on-write).</summary>
internal sealed class Topic(string name, Guid id, TopicConfig config)
{
    private volatile PartitionLog[] _partitions = [];
    private volatile TopicConfig _config = config;

    public string Name { get; } = name;

    /// <summary>Kafka's topic id (Metadata v10+, CreateTopics v7+); persisted with the topic.</summary>
    public Guid Id { get; } = id;

    public IReadOnlyList<PartitionLog> Partitions => _partitions;

    public TopicConfig Config
    {
        get => _config;
        set => _config = value;
    }

    public PartitionLog? Partition(int index)
    {
        var partitions = _partitions;
        return index >= 0 && index < partitions.Length ? partitions[index] : null;
    }

    public void SetPartitions(PartitionLog[] partitions) => _partitions = partitions;
}
