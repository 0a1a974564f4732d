namespace SensorStream.Contracts.Kafka.Groups;

/// <summary>A consumer-group operation that cannot be done as asked (unknown group, active members, no partitions chosen); the message says why.</summary>
public sealed class ConsumerGroupException(string message, Exception? inner = null) : Exception(message, inner);
