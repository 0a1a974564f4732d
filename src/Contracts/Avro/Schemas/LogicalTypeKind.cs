namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>The logical types of Avro 1.11 this codec understands.</summary>
public enum LogicalTypeKind
{
    /// <summary>Arbitrary-precision decimal on <c>bytes</c> or <c>fixed</c>: two's-complement big-endian unscaled value.</summary>
    Decimal,

    /// <summary>RFC 4122 UUID as its 36-character string, on <c>string</c>.</summary>
    Uuid,

    /// <summary>Days since 1970-01-01, on <c>int</c>.</summary>
    Date,

    /// <summary>Milliseconds after midnight, on <c>int</c>.</summary>
    TimeMillis,

    /// <summary>Microseconds after midnight, on <c>long</c>.</summary>
    TimeMicros,

    /// <summary>Milliseconds since the Unix epoch, UTC, on <c>long</c>.</summary>
    TimestampMillis,

    /// <summary>Microseconds since the Unix epoch, UTC, on <c>long</c>.</summary>
    TimestampMicros,

    /// <summary>Milliseconds since the Unix epoch in an unspecified local time zone, on <c>long</c>.</summary>
    LocalTimestampMillis,

    /// <summary>Microseconds since the Unix epoch in an unspecified local time zone, on <c>long</c>.</summary>
    LocalTimestampMicros,

    /// <summary>Months, days, milliseconds as three little-endian unsigned 32-bit integers, on <c>fixed(12)</c>.</summary>
    Duration,
}
