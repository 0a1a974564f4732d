using Confluent.Kafka;

namespace SensorStream.StreamProcessors.Runtime;

/// <summary>A record to produce: topic, key and already-serialized value, optional headers and timestamp.</summary>
internal sealed record OutputRecord(string Topic, byte[]? Key, byte[]? Value, Headers? Headers = null, DateTimeOffset? Timestamp = null);
