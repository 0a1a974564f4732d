namespace SensorStream.EmbeddedBroker.Protocol;

/// <summary>A response body that knows how to write itself for the version and encoding set on the writer.</summary>
internal interface IResponse
{
    void Write(KafkaWriter writer);
}
