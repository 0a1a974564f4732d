using System.Text;
using Confluent.Kafka;
using SensorStream.Contracts.Events;
using SensorStream.Sinks.Writers;

namespace SensorStream.Sinks.Batching;

/// <summary>The compacted <c>config.thresholds</c> topic: a value sets a key's thresholds, a null value (key <c>sensor_type/metric</c>) removes them.</summary>
internal sealed class ThresholdRoute(IDeserializer<ThresholdConfig> deserializer, TableBatch<ThresholdChange> batch) : ITopicRoute
{
    public string? Add(ConsumeResult<byte[]?, byte[]?> record)
    {
        if (record.Message.Value is not { } bytes)
        {
            var key = record.Message.Key is { } k ? Encoding.UTF8.GetString(k) : string.Empty;
            var parts = key.Split('/', 2);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                return $"tombstone key '{key}' is not sensor_type/metric";
            }
            batch.Add(new ThresholdChange(parts[0], parts[1], null));
            return null;
        }
        var config = deserializer.Deserialize(bytes, false, new SerializationContext(MessageComponentType.Value, record.Topic, record.Message.Headers));
        if (RowChecks.Problem(config) is { } reason)
        {
            return reason;
        }
        batch.Add(new ThresholdChange(config.SensorType, config.Metric, config));
        return null;
    }
}
