using Confluent.Kafka;

namespace SensorStream.ServiceDefaults.Kafka;

/// <summary>
/// What a role does with the records <see cref="KafkaConsumerLoop"/> reads. Every call comes on the loop's own thread,
/// one at a time, so a handler needs no locks for state only it touches. An exception out of any call stops the loop
/// (and the role) with that exception, and nothing is committed after it.
/// </summary>
public interface IConsumerLoopHandler
{
    /// <summary>Partitions were assigned (by the group, or all of them in a loop without a group).</summary>
    void Assigned(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions);

    /// <summary>Partitions are being taken away: finish and commit what was read from them now (not called after a failure).</summary>
    void Revoked(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions);

    /// <summary>One record, in offset order per partition.</summary>
    void Received(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> result);

    /// <summary>
    /// Called after every poll, with or without a record: periodic work such as commits, ticks or time-based batches.
    /// Returns the longest the next poll may wait for a record (at most the loop's own poll interval is used).
    /// </summary>
    TimeSpan Idle(IConsumer<byte[]?, byte[]?> consumer, DateTime utcNow);

    /// <summary>The loop is stopping without failure, before the consumer closes (which revokes every partition).</summary>
    void Stopping(IConsumer<byte[]?, byte[]?> consumer);
}
