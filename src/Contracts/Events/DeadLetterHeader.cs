namespace SensorStream.Contracts.Events;

/// <summary>One Kafka record header kept in a <see cref="DeadLetter"/> (<c>sensorstream.v1.DeadLetterHeader</c>).</summary>
/// <param name="Key">Header name.</param>
/// <param name="Value">Header value bytes, or null.</param>
public sealed record DeadLetterHeader(string Key, byte[]? Value);
