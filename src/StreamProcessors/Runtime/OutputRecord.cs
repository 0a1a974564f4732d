using Confluent.Kafka;

namespace SensorStream.StreamProcessors.Runtime;

/// <summary>
/// A record to produce: topic, key and already-serialized value, optional headers and timestamp, and an explicit
/// partition when the key must not choose it (control records addressed to every partition).
/// </summary>
internal sealed record OutputRecord(string Topic, byte[]? Key, byte[]? Value, Headers? Headers = null, DateTimeOffset? Timestamp = null, int? Partition = null);
