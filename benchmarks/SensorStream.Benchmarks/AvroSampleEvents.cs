using SensorStream.Contracts.Events;

namespace SensorStream.Benchmarks;

/// <summary>One realistic event of each type, sized like production traffic (a vibration block is 256 samples).</summary>
public static class AvroSampleEvents
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 34, 56, TimeSpan.Zero);

    public static VibrationBlock Vibration { get; } = new("g3", "sensor2", Now, 2560, 1480,
        Enumerable.Range(0, 256).Select(i => (float)(0.8 * Math.Sin(i * 0.3) + 0.05 * Math.Sin(i * 2.1))).ToArray());

    public static EnvironmentReading Environment { get; } = new("sensor-017", "B2-F3-L12", Now, 22.4, 41.5, 21.9);

    public static TripRecord Trip { get; } = new("TRK-0042", Guid.Parse("6f1c0a8e-7d43-4f0c-9a55-2b3c4d5e6f70"), new DateOnly(2026, 11, 20),
        125_400, 125_812, null, 92.5, 158.43m, 12.00m, 1_250.00m, "Rotterdam", "Antwerpen", Now);

    public static WindowAggregate Window { get; } = new("sensor-017", "temperature_c", Now, Now.AddMinutes(1), 60, 21.9, 22.8, 22.31, 0);

    public static StatusChange Status { get; } = new("sensor-017", "environment", "temperature_c", Now, StatusLevel.Normal, StatusLevel.Warning, 30.2, 30);

    public static VibrationDiagnosis Diagnosis { get; } = new("g3", "sensor2", Now, Now.AddSeconds(10), VibrationFault.MassUnbalance, 0.93, 0.61, 1.72, 24.7, 1480, 100);

    public static Anomaly Anomaly { get; } = new(Guid.Parse("0b8a3c4e-1f2d-4e5f-8a9b-0c1d2e3f4a5b"), "trips.records", "TRK-0042", Now, AnomalyKind.DroppedDigit,
        "odometer_end_km", 12_541, 125_410, 0.97, new Dictionary<string, string> { ["rule"] = "dropped_digit", ["previous"] = "125400" });

    public static DeadLetter DeadLetter { get; } = new("sensors.environment", 3, 1_234_567, Now, "sensor-017"u8.ToArray(),
        Enumerable.Range(0, 120).Select(i => (byte)i).ToArray(), [new("trace-id", "4bf92f3577b34da6"u8.ToArray()), new("retry", null)],
        "Truncated", "Truncated: payload ends before the value (at byte 37)", "processor-windows", Now);

    public static ThresholdConfig Threshold { get; } = new("environment", "temperature_c", "degC", 28, 32, 10, 5, Now);
}
