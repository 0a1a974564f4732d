using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using SensorStream.Contracts;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.ServiceDefaults.Kafka;
using SensorStream.StreamProcessors.Runtime;

namespace SensorStream.StreamProcessors.Thresholds;

/// <summary>
/// Keeps <see cref="LiveThresholds"/> current by reading the compacted <c>config.thresholds</c> topic from its
/// beginning and then following it (no consumer group: every processor instance reads all of it). Key
/// <c>sensor_type/metric</c>; a null value removes the entry. A record that cannot be decoded is logged and skipped
/// (the previous thresholds stay in force); while the registry is away the same record is decoded again.
/// </summary>
internal sealed partial class ThresholdFeed(KafkaOptions kafka, EventCodec codec, LiveThresholds thresholds, TransientRetry retry, ILogger logger)
    : IConsumerLoopHandler
{
    private CancellationToken _stopping;

    /// <summary>Follows the topic until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        _stopping = cancellationToken;
        return new KafkaConsumerLoop(kafka, new ConsumerLoopOptions { Topics = [Topics.ConfigThresholds] }, this, logger, "thresholds").RunAsync(cancellationToken);
    }

    void IConsumerLoopHandler.Assigned(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions)
    {
    }

    void IConsumerLoopHandler.Revoked(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions)
    {
    }

    void IConsumerLoopHandler.Received(IConsumer<byte[]?, byte[]?> consumer, ConsumeResult<byte[]?, byte[]?> result) =>
        Apply(SourceRecord.From(result), result.Message.Key);

    TimeSpan IConsumerLoopHandler.Idle(IConsumer<byte[]?, byte[]?> consumer, DateTime utcNow) => TimeSpan.FromMilliseconds(200);

    void IConsumerLoopHandler.Stopping(IConsumer<byte[]?, byte[]?> consumer)
    {
    }

    private void Apply(SourceRecord record, byte[]? key)
    {
        var parts = key is null ? [] : Encoding.UTF8.GetString(key).Split('/', 2);
        try
        {
            if (record.Value is null)
            {
                if (parts.Length == 2)
                {
                    thresholds.Apply(parts[0], parts[1], null);
                    LogRemoved(logger, parts[0], parts[1]);
                }
                return;
            }
            var config = retry.Execute(() => codec.Decode<ThresholdConfig>(record), _stopping);
            thresholds.Apply(config.SensorType, config.Metric, config);
            LogApplied(logger, config.SensorType, config.Metric, config.WarningAbove, config.CriticalAbove, config.WarningBelow, config.CriticalBelow);
        }
        catch (AvroDecodeException e)
        {
            LogSkipped(logger, $"offset {record.Offset}: {e.Message}");
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Thresholds for {SensorType}/{Metric}: warning above {WarningAbove}, critical above {CriticalAbove}, warning below {WarningBelow}, critical below {CriticalBelow}")]
    private static partial void LogApplied(ILogger logger, string sensorType, string metric, double? warningAbove, double? criticalAbove, double? warningBelow, double? criticalBelow);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Thresholds for {SensorType}/{Metric} removed; built-in or none apply")]
    private static partial void LogRemoved(ILogger logger, string sensorType, string metric);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "A config.thresholds record was skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string reason);
}
