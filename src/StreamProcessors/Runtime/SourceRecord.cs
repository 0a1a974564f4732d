using Confluent.Kafka;

namespace SensorStream.StreamProcessors.Runtime;

/// <summary>A record as consumed, bytes untouched, with where it came from (for dead letters and late events).</summary>
internal sealed record SourceRecord(string Topic, int Partition, long Offset, byte[]? Key, byte[]? Value, Headers? Headers, DateTimeOffset Timestamp)
{
    public static SourceRecord From(ConsumeResult<byte[]?, byte[]?> result) => new(result.Topic, result.Partition.Value, result.Offset.Value,
        result.Message.Key, result.Message.Value, result.Message.Headers, new DateTimeOffset(result.Message.Timestamp.UtcDateTime, TimeSpan.Zero));
}
