using System.Globalization;
using System.Text.RegularExpressions;

namespace SensorStream.Storage.Migrations;

/// <summary>The migrations of this build, in order, for one storage path (the scripts are embedded resources).</summary>
internal static class MigrationCatalog
{
    /// <summary>Name prefix of the migration that fixes the storage path; its suffix is the path.</summary>
    public const string TimeSeriesName = "time_series_";

    public static IReadOnlyList<Migration> For(StoragePath path) =>
    [
        new(1, "core", Load("001_core.sql")),
        path == StoragePath.TimescaleDb
            ? new(2, TimeSeriesName + "timescaledb", TimeSeriesTables(partitionBy: null) + Load("002_time_series_timescaledb.sql"))
            : new(2, TimeSeriesName + "plain", TimeSeriesTables(partitionBy: "PARTITION BY RANGE ({0})") + Load("002_time_series_plain.sql")),
        new(3, "vibration_data_view", Load("003_vibration_data_view.sql")),
        path == StoragePath.TimescaleDb
            ? new(5, "retention_timescaledb", Load("005_retention_timescaledb.sql"))
            : new(5, "retention_plain", Load("005_retention_plain.sql")),
    ];

    /// <summary>The path a recorded migration name says the database was created on, or null when it names none.</summary>
    public static StoragePath? PathOf(string migrationName) => migrationName switch
    {
        TimeSeriesName + "timescaledb" => StoragePath.TimescaleDb,
        TimeSeriesName + "plain" => StoragePath.Plain,
        _ => null,
    };

    /// <summary>
    /// The time-series tables, written once for both paths: <c>{{time_partitioning column}}</c> becomes
    /// <paramref name="partitionBy"/> formatted with the column (plain), or nothing (TimescaleDB makes hypertables after).
    /// </summary>
    private static string TimeSeriesTables(string? partitionBy) =>
        Regex.Replace(Load("002_time_series_tables.sql"), @"\{\{time_partitioning (\w+)\}\}",
            match => partitionBy is null ? string.Empty : string.Format(CultureInfo.InvariantCulture, partitionBy, match.Groups[1].Value)) + "\n";

    private static string Load(string file)
    {
        using var stream = typeof(MigrationCatalog).Assembly.GetManifestResourceStream($"SensorStream.Storage.Migrations.{file}")
            ?? throw new InvalidOperationException($"migration {file} is not embedded in {typeof(MigrationCatalog).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
