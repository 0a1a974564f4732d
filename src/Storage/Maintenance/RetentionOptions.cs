namespace SensorStream.Storage.Maintenance;

/// <summary>
/// How long each time-series table keeps its rows (configuration section <c>Sinks:Retention</c>), on both storage
/// paths: TimescaleDB retention policies, or dropped partitions on plain PostgreSQL. Rows go by whole chunks or
/// partitions (a day for raw feeds, a month on the plain path and 30 days on TimescaleDB for derived tables), once all
/// of one is older than the retention. Empty (or 0) keeps a table's rows for good. The other tables (trips, status
/// changes, anomalies, dead letters) are small and always kept.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>Shortest retention accepted: environment_hourly is refreshed up to two days inside it, and a day is the smallest unit dropped.</summary>
    public static readonly TimeSpan Shortest = TimeSpan.FromDays(3);

    /// <summary>Raw vibration blocks (<c>vibration_blocks</c>), the bulk of the data. Default 90 days.</summary>
    public TimeSpan? VibrationBlocks { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Raw environment readings (<c>environment_readings</c>); <c>environment_hourly</c> is computed from them. Default 400 days (a year plus comparisons).</summary>
    public TimeSpan? EnvironmentReadings { get; set; } = TimeSpan.FromDays(400);

    /// <summary>Windows at every level (<c>window_aggregates</c>). Default: kept.</summary>
    public TimeSpan? WindowAggregates { get; set; }

    /// <summary>Vibration fault diagnoses (<c>vibration_diagnoses</c>). Default: kept.</summary>
    public TimeSpan? VibrationDiagnoses { get; set; }

    /// <summary>Every time-series table and its retention (null: kept).</summary>
    public IReadOnlyList<(string Table, TimeSpan? Keep)> Tables =>
    [
        ("vibration_blocks", Effective(VibrationBlocks)),
        ("environment_readings", Effective(EnvironmentReadings)),
        ("window_aggregates", Effective(WindowAggregates)),
        ("vibration_diagnoses", Effective(VibrationDiagnoses)),
    ];

    /// <summary>The problems with these settings (empty when valid).</summary>
    public IReadOnlyList<string> Validate() =>
    [
        .. new (string Name, TimeSpan? Keep)[]
        {
            (nameof(VibrationBlocks), VibrationBlocks), (nameof(EnvironmentReadings), EnvironmentReadings),
            (nameof(WindowAggregates), WindowAggregates), (nameof(VibrationDiagnoses), VibrationDiagnoses),
        }
        .Where(r => r.Keep is { } keep && keep != TimeSpan.Zero && keep < Shortest)
        .Select(r => $"Sinks: Retention:{r.Name} must be at least {Shortest.TotalDays:0} days, or empty (or 0) to keep everything"),
    ];

    private static TimeSpan? Effective(TimeSpan? keep) => keep is { } k && k > TimeSpan.Zero ? k : null;
}
