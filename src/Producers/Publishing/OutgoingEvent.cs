namespace SensorStream.Producers.Publishing;

/// <summary>An event ready to publish: its key, value, Kafka timestamp and headers (e.g. ground-truth labels).</summary>
/// <param name="Key">The partitioning key: sensor id or truck id.</param>
/// <param name="Value">The event.</param>
/// <param name="Timestamp">Kafka record timestamp: the event time, so replay-from-a-time finds it.</param>
/// <param name="Headers">Header name/value pairs (UTF-8 on the wire); may be empty.</param>
public sealed record OutgoingEvent<T>(string Key, T Value, DateTimeOffset Timestamp, IReadOnlyList<KeyValuePair<string, string>> Headers);
