namespace SensorStream.Contracts.Avro.Binary;

/// <summary>Conversions between .NET times and Avro's epoch-based logical types.</summary>
internal static class AvroTime
{
    public const long UnixEpochTicks = 621355968000000000L;
    public static readonly int UnixEpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public static readonly long MinMicros = FloorDiv(DateTimeOffset.MinValue.UtcTicks - UnixEpochTicks, 10);
    public static readonly long MaxMicros = FloorDiv(DateTimeOffset.MaxValue.UtcTicks - UnixEpochTicks, 10);
    public static readonly long MinMillis = FloorDiv(DateTimeOffset.MinValue.UtcTicks - UnixEpochTicks, 10_000);
    public static readonly long MaxMillis = FloorDiv(DateTimeOffset.MaxValue.UtcTicks - UnixEpochTicks, 10_000);

    // Floor, not truncation, so an instant before 1970 with sub-microsecond ticks maps to the microsecond that contains it.
    public static long FloorDiv(long value, long divisor)
    {
        var quotient = Math.DivRem(value, divisor, out var remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    public static long ToMicros(DateTimeOffset value) => FloorDiv(value.UtcTicks - UnixEpochTicks, 10);

    public static long ToMillis(DateTimeOffset value) => FloorDiv(value.UtcTicks - UnixEpochTicks, 10_000);
}
