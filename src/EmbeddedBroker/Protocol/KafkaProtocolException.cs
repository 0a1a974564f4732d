namespace SensorStream.EmbeddedBroker.Protocol;

/// <summary>
/// A request that cannot be parsed (truncated, impossible lengths, unknown API). The connection that sent it
/// is closed, as Apache Kafka does; the broker itself keeps serving everyone else.
/// </summary>
internal sealed class KafkaProtocolException(string message) : Exception(message);
