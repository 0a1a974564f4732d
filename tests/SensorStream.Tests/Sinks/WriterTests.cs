using SensorStream.Storage;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Sinks.Batching;
using SensorStream.Sinks.Writers;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.Sinks;

/// <summary>
/// The same writer specification on both storage paths: each table round-trips its events, and writing the same batch
/// again (a re-delivery) changes nothing. The TimescaleDB cases skip, saying why, where the extension is missing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WriterTests(PostgresClusterFixture fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    public static TheoryData<StorageMode> Paths => [StorageMode.Plain, StorageMode.TimescaleDb];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task VibrationBlocks_RoundTripWithTheirSamples_AndAsLegacyPerSampleRows(StorageMode mode)
    {
        var path = SinkSchema.PathOf(mode);
        var db = await SinkSchema.MigratedAsync(fixture.Cluster, path);
        var blocks = new[]
        {
            new VibrationBlock("g1", "sensor3", T0, 4000, 1480.5, [0.5f, -0.25f, 0.125f, 1e-7f]),
            new VibrationBlock("g9", "sensor1", T0.AddSeconds(1), 2000, null, [1f, 2f]),
        };

        var writer = new VibrationBlockWriter();
        writer.KnowMachines(["g1"]);

        SinkSchema.Write(db, path, [SinkSchema.Batch(writer, blocks)]);
        SinkSchema.Write(db, path, [SinkSchema.Batch(writer, blocks)]);

        var rows = await SinkSchema.RowsAsync(db, "SELECT machine_id, sensor_id, event_time, sample_rate_hz, shaft_speed_rpm, samples FROM vibration_blocks ORDER BY machine_id");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["g1", "sensor3", T0.UtcDateTime, 4000.0, 1480.5], rows[0][..5]);
        Assert.Equal(blocks[0].Samples, (float[])rows[0][5]!);
        Assert.Null(rows[1][4]);
        var samples = await SinkSchema.RowsAsync(db, "SELECT machine_name, sensor_no, collected_at, measured_time, value FROM vibration_data WHERE machine_name = 'g1' ORDER BY measured_time");
        Assert.Equal(4, samples.Count);
        Assert.All(samples, s => Assert.Equal(3, s[1]));
        Assert.All(samples, s => Assert.Equal(T0.UtcDateTime, s[2]));
        Assert.Equal(Enumerable.Range(0, 4).Select(i => T0.UtcDateTime.AddTicks(i * 2_500)), samples.Select(s => (DateTime)s[3]!));
        Assert.Equal(blocks[0].Samples.Select(v => (double)v), samples.Select(s => (double)s[4]!));
        // g1 was known (seeded at start), so only the new machine was added.
        Assert.Equal(["g9"], (await SinkSchema.RowsAsync(db, "SELECT machine_id FROM machines")).Select(r => (string)r[0]!));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task EnvironmentReadings_RoundTrip_AndFeedTheHourlyView(StorageMode mode)
    {
        var path = SinkSchema.PathOf(mode);
        var db = await SinkSchema.MigratedAsync(fixture.Cluster, path);
        var readings = new[]
        {
            new EnvironmentReading("F1-B1-1F-L01-A1", "F1-B1-1F-L01", T0.AddMinutes(5), 20, 40, 21),
            new EnvironmentReading("F1-B1-1F-L01-A2", "F1-B1-1F-L01", T0.AddMinutes(50), 24, 60, null),
            new EnvironmentReading("F1-B1-1F-L01-A1", "F1-B1-1F-L01", T0.AddMinutes(65), 30, 70, 33),
        };

        SinkSchema.Write(db, path, [SinkSchema.Batch(new EnvironmentReadingWriter(), readings)]);
        SinkSchema.Write(db, path, [SinkSchema.Batch(new EnvironmentReadingWriter(), readings)]);

        Assert.Equal(3L, await SinkSchema.CountAsync(db, "environment_readings"));
        var hourly = await SinkSchema.RowsAsync(db, "SELECT bucket, readings, max_temperature_c, avg_temperature_c, avg_humidity_pct, max_perceived_temperature_c FROM environment_hourly WHERE loc_id = 'F1-B1-1F-L01' ORDER BY bucket");
        Assert.Equal([T0.UtcDateTime, 2L, 24.0, 22.0, 50.0, 21.0], hourly[0]);
        Assert.Equal([T0.UtcDateTime.AddHours(1), 1L, 30.0, 30.0, 70.0, 33.0], hourly[1]);
        var secondHourOnly = await SinkSchema.RowsAsync(db,
            $"SELECT bucket, readings, max_temperature_c FROM environment_hourly_range('{T0.AddMinutes(30):O}', '{T0.AddHours(2):O}')");
        Assert.Equal([[T0.UtcDateTime.AddHours(1), 1L, 30.0]], secondHourOnly);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Trips_WithAcceptedCorrections_AreCorrectedInTheView_AndWeakFindingsAreNot(StorageMode mode)
    {
        var path = SinkSchema.PathOf(mode);
        var db = await SinkSchema.MigratedAsync(fixture.Cluster, path);
        var typo = Guid.NewGuid();
        var duplicate = Guid.NewGuid();
        var trips = new[]
        {
            new TripRecord("truck-7", typo, new DateOnly(2026, 11, 3), 12_000, 12_450, null, 150, 250.40m, null, 1200.00m, "Lyon", "Turin", T0),
            new TripRecord("truck-7", duplicate, new DateOnly(2026, 11, 3), 12_000, 12_450, null, 150, 250.40m, null, 1200.00m, "Lyon", "Turin", T0.AddMinutes(1)),
        };
        Anomaly Finding(Guid trip, AnomalyKind kind, string field, double? observed, double? expected, double score) =>
            new(Guid.NewGuid(), Topics.TripsRecords, "truck-7", T0, kind, field, observed, expected, score, new Dictionary<string, string> { ["trip_id"] = trip.ToString() });
        var anomalies = new[]
        {
            Finding(typo, AnomalyKind.DroppedDigit, "fuel_litres", 150, 1500, 0.6),
            Finding(typo, AnomalyKind.AdjacentKeyTypo, "revenue", 1200, 1500, 0.95),
            Finding(duplicate, AnomalyKind.DuplicateRow, "row", null, null, 0.99),
        };

        var tripBatch = SinkSchema.Batch(new TripRecordWriter(), trips);
        var anomalyBatch = SinkSchema.Batch(new AnomalyWriter(0.9), anomalies);
        SinkSchema.Write(db, path, [tripBatch, anomalyBatch]);
        SinkSchema.Write(db, path, [SinkSchema.Batch(new TripRecordWriter(), trips), SinkSchema.Batch(new AnomalyWriter(0.9), anomalies)]);

        Assert.Equal(2L, await SinkSchema.CountAsync(db, "trips"));
        Assert.Equal(3L, await SinkSchema.CountAsync(db, "anomalies"));
        Assert.Equal(2L, await SinkSchema.CountAsync(db, "trip_corrections"));
        var corrected = await SinkSchema.RowsAsync(db, $"SELECT revenue, fuel_litres, fuel_cost, is_duplicate, corrections FROM trips_corrected WHERE trip_id = '{typo}'");
        Assert.Equal([1500.00m, 150.0, 250.40m, false, 1L], corrected.Single());
        Assert.Equal(true, (await SinkSchema.RowsAsync(db, $"SELECT is_duplicate FROM trips_corrected WHERE trip_id = '{duplicate}'")).Single()[0]);
        Assert.Equal(1200.00m, await SinkSchema.ScalarAsync<decimal>(db, $"SELECT revenue FROM trips WHERE trip_id = '{typo}'"));
        Assert.Equal("{\"trip_id\": \"" + typo + "\"}", await SinkSchema.ScalarAsync<string>(db, $"SELECT details::text FROM anomalies WHERE field = 'revenue'"));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task WindowAggregates_ReEmittedWindow_KeepsTheLastEmission(StorageMode mode)
    {
        var path = SinkSchema.PathOf(mode);
        var db = await SinkSchema.MigratedAsync(fixture.Cluster, path);
        var first = new WindowAggregate("F1-B1", "temperature_c", T0, T0.AddMinutes(1), 10, 18, 25, 21, 0, EntityTypes.Building, null, StatusLevel.Normal);
        var later = first with { Count = 12, Max = 39, Avg = 23, LateCount = 1, Status = StatusLevel.Critical };
        var other = first with { EntityId = "g1/sensor1", EntityType = EntityTypes.MachineSensor, Metric = "acceleration_g", Rms = 0.3 };

        SinkSchema.Write(db, path, [SinkSchema.Batch(new WindowAggregateWriter(), [first, later, other])]);
        SinkSchema.Write(db, path, [SinkSchema.Batch(new WindowAggregateWriter(), [first, later])]);

        var rows = await SinkSchema.RowsAsync(db, "SELECT entity_id, entity_type, count, max, avg, late_count, rms, status FROM window_aggregates ORDER BY entity_id");
        Assert.Equal([["F1-B1", "building", 12L, 39.0, 23.0, 1L, null, "Critical"], ["g1/sensor1", "machine_sensor", 10L, 25.0, 21.0, 0L, 0.3, "Normal"]], rows);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task StatusChangesAndDiagnoses_RoundTrip_AndRedeliveryDoesNotDuplicate(StorageMode mode)
    {
        var path = SinkSchema.PathOf(mode);
        var db = await SinkSchema.MigratedAsync(fixture.Cluster, path);
        var change = new StatusChange("F1-B1-1F-L01", "production", "temperature_c", T0, null, StatusLevel.Warning, 33.5, 32);
        var diagnosis = new VibrationDiagnosis("g2", "sensor4", T0, T0.AddSeconds(10), VibrationFault.SupportLooseness, 0.87, 0.41, 1.2, 49.5, 1490, 12,
            2.9, 4.1, 0.02, 0.1, 0.3, 0.05, ["harmonics_2x", "kurtosis"]);

        for (var i = 0; i < 2; i++)
        {
            SinkSchema.Write(db, path, [SinkSchema.Batch(new StatusChangeWriter(), [change]), SinkSchema.Batch(new VibrationDiagnosisWriter(), [diagnosis])]);
        }

        Assert.Equal(["F1-B1-1F-L01", "temperature_c", T0.UtcDateTime, "production", null, "Warning", 33.5, 32.0],
            (await SinkSchema.RowsAsync(db, "SELECT entity_id, metric, event_time, sensor_type, previous_level, level, value, threshold FROM status_changes")).Single());
        var stored = (await SinkSchema.RowsAsync(db, "SELECT fault, confidence, block_count, amplitude_2x_g, drivers FROM vibration_diagnoses")).Single();
        Assert.Equal(["SupportLooseness", 0.87, 12, 0.3], stored[..4]);
        Assert.Equal(["harmonics_2x", "kurtosis"], (string[])stored[4]!);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task DeadLettersAndThresholds_RoundTrip_TombstonesRemoveThresholds(StorageMode mode)
    {
        var path = SinkSchema.PathOf(mode);
        var db = await SinkSchema.MigratedAsync(fixture.Cluster, path);
        var letter = new DeadLetter(Topics.SensorsEnvironment, 3, 42, T0, [1, 2], [0, 9, 9], [new DeadLetterHeader("h1", [7]), new DeadLetterHeader("h2", null)],
            "WrongMagicByte", "first byte is 9", "sensorstream-sinks", T0.AddSeconds(1));
        var office = new ThresholdConfig("office", "temperature_c", "degC", 27, 31, 18, 15, T0);
        var server = new ThresholdConfig("server_room", "humidity_pct", "percent", 60, 70, null, null, T0);
        var changes = new[]
        {
            new ThresholdChange("office", "temperature_c", office),
            new ThresholdChange("server_room", "humidity_pct", server),
            new ThresholdChange("office", "temperature_c", office with { WarningAbove = 26, UpdatedAt = T0.AddHours(1) }),
        };

        SinkSchema.Write(db, path, [SinkSchema.Batch(new DeadLetterWriter(), [letter]), SinkSchema.Batch(new ThresholdWriter(), changes)]);
        SinkSchema.Write(db, path, [SinkSchema.Batch(new DeadLetterWriter(), [letter]), SinkSchema.Batch(new ThresholdWriter(), [new ThresholdChange("server_room", "humidity_pct", null)])]);

        var stored = (await SinkSchema.RowsAsync(db, "SELECT source_partition, source_offset, key, value, header_keys, header_values, error_reason FROM dead_letters")).Single();
        Assert.Equal([3, 42L, new byte[] { 1, 2 }, new byte[] { 0, 9, 9 }, new[] { "h1", "h2" }, new byte[]?[] { [7], null }, "WrongMagicByte"], stored);
        Assert.Equal([["office", "temperature_c", 26.0, T0.UtcDateTime.AddHours(1)]],
            await SinkSchema.RowsAsync(db, "SELECT sensor_type, metric, warning_above, updated_at FROM thresholds"));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task ARawBatchPartlyStoredAlready_FallsBackFromTheDirectCopy_AndStoresEachRowOnce(StorageMode mode)
    {
        var path = SinkSchema.PathOf(mode);
        var db = await SinkSchema.MigratedAsync(fixture.Cluster, path);
        var writer = new EnvironmentReadingWriter();
        var readings = Enumerable.Range(0, 20).Select(i => new EnvironmentReading("F1-B1-1F-L01-A1", "F1-B1-1F-L01", T0.AddSeconds(10 * i), 20 + i, 40, null)).ToList();

        SinkSchema.Write(db, path, [SinkSchema.Batch(writer, readings[..8])]); // straight into the table
        SinkSchema.Write(db, path, [SinkSchema.Batch(writer, readings[5..])]); // rows 5–7 again: the direct copy fails, staging merges
        SinkSchema.Write(db, path, [SinkSchema.Batch(writer, [readings[19], readings[19]])]); // a duplicate inside one batch

        var rows = await SinkSchema.RowsAsync(db, "SELECT temperature_c FROM environment_readings ORDER BY event_time");
        Assert.Equal(readings.Select(r => (object?)r.TemperatureC), rows.Select(r => r[0]));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Batch_RecordsItsOffsetsInTheSameTransaction(StorageMode mode)
    {
        var path = SinkSchema.PathOf(mode);
        var db = await SinkSchema.MigratedAsync(fixture.Cluster, path);
        var reading = new EnvironmentReading("s1", "L1", T0, 20, 50, null);

        SinkSchema.Write(db, path, [SinkSchema.Batch(new EnvironmentReadingWriter(), [reading])],
            [new PartitionOffset(Topics.SensorsEnvironment, 2, 17), new PartitionOffset(Topics.TripsRecords, 0, 5)]);
        SinkSchema.Write(db, path, [SinkSchema.Batch(new EnvironmentReadingWriter(), [reading])], [new PartitionOffset(Topics.SensorsEnvironment, 2, 18)]);

        Assert.Equal([[Topics.SensorsEnvironment, 2, 18L], [Topics.TripsRecords, 0, 5L]],
            await SinkSchema.RowsAsync(db, "SELECT topic, partition, next_offset FROM sink_offsets WHERE consumer_group = 'test-sink' ORDER BY topic"));
    }
}
