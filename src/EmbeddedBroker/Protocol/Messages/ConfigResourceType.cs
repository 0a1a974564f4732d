namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>Kafka's config resource types used by DescribeConfigs and AlterConfigs.</summary>
internal enum ConfigResourceType : sbyte
{
    Unknown = 0,
    Topic = 2,
    Broker = 4,
}
