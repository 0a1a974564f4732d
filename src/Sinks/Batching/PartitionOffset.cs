namespace SensorStream.Sinks.Batching;

/// <summary>The next offset to read on one input partition, once a batch is written.</summary>
internal readonly record struct PartitionOffset(string Topic, int Partition, long NextOffset);
