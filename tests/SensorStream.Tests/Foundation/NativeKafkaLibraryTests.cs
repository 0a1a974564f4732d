using Confluent.Kafka;

namespace SensorStream.Tests.Foundation;

public sealed class NativeKafkaLibraryTests
{
    [Fact]
    public void LibraryVersion_IsReadable_FromTheOperatingSystemsLibrdkafka()
    {
        // Touching Library.Version forces Confluent.Kafka to dlopen librdkafka and call rd_kafka_version().
        var version = Library.VersionString;

        Assert.Matches(@"^\d+\.\d+\.\d+", version);
        Assert.True(Library.Version > 0x01000000, $"librdkafka {version} is older than 1.0");
    }
}
