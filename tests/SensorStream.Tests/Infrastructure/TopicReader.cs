using System.Text;
using Confluent.Kafka;

namespace SensorStream.Tests.Infrastructure;

/// <summary>Reads every record of a topic from the beginning to its current end, with headers decoded as UTF-8.</summary>
public static class TopicReader
{
    public sealed record Record(string? Key, byte[] Value, IReadOnlyDictionary<string, string> Headers, int Partition, long Offset, DateTime Timestamp);

    public static List<Record> ReadAll(string bootstrap, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single();
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "reader-" + Guid.NewGuid(), EnableAutoCommit = false }).Build();
        var partitions = metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        var ends = partitions.ToDictionary(p => p.Partition.Value, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        var records = new List<Record>();
        var pending = partitions.Where(p => ends[p.Partition.Value] > 0).Select(p => p.Partition.Value).ToHashSet();
        consumer.Assign(partitions.Where(p => pending.Contains(p.Partition.Value)).Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var deadline = DateTime.UtcNow + TestTimeouts.Default;
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(100) is not { } result)
            {
                continue;
            }
            var headers = result.Message.Headers?.ToDictionary(h => h.Key, h => Encoding.UTF8.GetString(h.GetValueBytes())) ?? [];
            records.Add(new Record(result.Message.Key, result.Message.Value, headers, result.Partition.Value, result.Offset.Value, result.Message.Timestamp.UtcDateTime));
            if (result.Offset.Value + 1 >= ends[result.Partition.Value])
            {
                pending.Remove(result.Partition.Value);
            }
        }
        Assert.True(pending.Count == 0, $"could not read {topic} to its end");
        return records;
    }
}
