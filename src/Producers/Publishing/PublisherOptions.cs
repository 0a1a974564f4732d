using System.ComponentModel.DataAnnotations;
using Confluent.Kafka;

namespace SensorStream.Producers.Publishing;

/// <summary>How producers batch and deliver (the <c>Producer</c> configuration section). Defaults favour throughput without losing order.</summary>
public sealed class PublisherOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Producer";

    /// <summary>Time to wait for a batch to fill (<c>linger.ms</c>). Default 5 ms.</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Most messages per batch (<c>batch.num.messages</c>). Default 10 000.</summary>
    [Range(1, 1_000_000)]
    public int BatchMessages { get; set; } = 10_000;

    /// <summary>Compression of batches on the wire and on disk. Default lz4.</summary>
    public CompressionType Compression { get; set; } = CompressionType.Lz4;

    /// <summary>
    /// How long librdkafka keeps retrying one message before reporting it failed (<c>message.timeout.ms</c>); the
    /// application never produces a failed message again, since that could reorder its key. Default 2 minutes.
    /// </summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
