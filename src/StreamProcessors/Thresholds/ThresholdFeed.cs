using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using SensorStream.Contracts;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.StreamProcessors.Runtime;

namespace SensorStream.StreamProcessors.Thresholds;

/// <summary>
/// Keeps <see cref="LiveThresholds"/> current by reading the compacted <c>config.thresholds</c> topic from its
/// beginning and then following it (no consumer group: every processor instance reads all of it). Key
/// <c>sensor_type/metric</c>; a null value removes the entry. A record that cannot be decoded is logged and skipped
/// (the previous thresholds stay in force).
/// </summary>
internal sealed partial class ThresholdFeed(KafkaOptions kafka, EventCodec codec, LiveThresholds thresholds, ILogger logger)
{
    /// <summary>Follows the topic until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => Task.Factory.StartNew(() => Follow(cancellationToken), CancellationToken.None,
        TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Follow(CancellationToken cancellationToken)
    {
        var config = kafka.ConsumerConfig($"{kafka.ClientId}-thresholds-unused");
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers }).Build();
        var partitions = admin.GetMetadata(Topics.ConfigThresholds, TimeSpan.FromSeconds(30)).Topics.Single().Partitions
            .Select(p => new TopicPartitionOffset(Topics.ConfigThresholds, p.PartitionId, Offset.Beginning)).ToList();
        consumer.Assign(partitions);
        while (!cancellationToken.IsCancellationRequested)
        {
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            }
            catch (ConsumeException e)
            {
                LogSkipped(logger, e.Error.Reason);
                continue;
            }
            if (result?.Message is { } message)
            {
                Apply(SourceRecord.From(result), message.Key);
            }
        }
        consumer.Close();
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
            var config = codec.Decode<ThresholdConfig>(record);
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
