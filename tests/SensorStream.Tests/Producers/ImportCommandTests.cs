using System.Globalization;
using System.Text;
using SensorStream.Contracts;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Import;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.Producers;

/// <summary><c>sensorstream import …</c> end to end: a file in, events on the embedded broker, a report out.</summary>
public sealed class ImportCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _files = new("import");
    private TestBroker _broker = null!;

    public async ValueTask InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _broker.DisposeAsync();
        _files.Dispose();
    }

    private string[] Kafka => ["--bootstrap", _broker.BootstrapServers, "--registry", _broker.Broker.SchemaRegistryUrl!.ToString()];

    private string WriteFile(string name, string content)
    {
        var path = _files.Sub(name);
        File.WriteAllText(path, content);
        return path;
    }

    private static T Decode<T>(byte[] wireFormat) where T : IAvroEvent<T>
    {
        var reader = new AvroReader(wireFormat.AsSpan(5));
        return T.Decode(ref reader);
    }

    [Fact]
    public async Task VibrationCsv_EachConditionColumnBecomesItsOwnStreamOfBlocks_WithTheValuesOfTheFile()
    {
        var path = _files.Sub("legacy.csv");
        using (var writer = new StreamWriter(path))
        {
            LegacyVibrationCsv.Write(writer, 3000, seed: 1);
        }

        var result = await CliRunner.RunAsync(["import", "vibration-csv", path, "--machine", "g9", "--sensor", "sensor1", "--start", "2025-05-01T00:00:00Z", .. Kafka]);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("3,000 rows", result.Output);
        var records = TopicReader.ReadAll(_broker.BootstrapServers, Topics.SensorsVibration);
        Assert.Equal(4 * 12, records.Count); // ceil(3000 / 256) blocks per column
        Assert.Equal(["g9/sensor1-normal", "g9/sensor1-type1", "g9/sensor1-type2", "g9/sensor1-type3"], records.Select(r => r.Key).Distinct().Order());
        var type2 = records.Where(r => r.Key == "g9/sensor1-type2").Select(r => (Record: r, Block: Decode<VibrationBlock>(r.Value))).OrderBy(x => x.Block.EventTime).ToList();
        Assert.All(type2, x => Assert.Equal("2", x.Record.Headers[TruthHeaders.Fault]));
        Assert.Equal(2560, type2[0].Block.SampleRateHz, 6);
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero), type2[0].Block.EventTime);
        Assert.Equal(3000 - (11 * 256), type2[^1].Block.Samples.Length);
        var fileValues = File.ReadLines(path).Skip(1).Select(l => float.Parse(l.Split(',')[3], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(fileValues, type2.SelectMany(x => x.Block.Samples).ToArray());
    }

    [Fact]
    public async Task VibrationCsv_MalformedRows_AreSkipped_ListedByLine_AndDeadLettered()
    {
        var lines = new StringBuilder("Time,Normal,Type 1\n");
        for (var i = 0; i < 600; i++)
        {
            lines.Append(CultureInfo.InvariantCulture, $"{i / 2560.0:0.#########},{0.01 * (i % 7):0.##},{0.5:0.#}\n");
            if (i == 100)
            {
                lines.Append("0.04,abc,0.5\n"); // line 103
            }
            if (i == 200)
            {
                lines.Append("0.08,0.1\n"); // line 204
            }
        }
        var path = WriteFile("bad.csv", lines.ToString());

        var result = await CliRunner.RunAsync(["import", "vibration-csv", path, "--machine", "g1", "--sensor", "s", .. Kafka]);

        Assert.True(result.ExitCode == ImportCommandExit.RowsSkipped, result.Output + result.Error);
        Assert.Contains("malformed rows 2", result.Output);
        Assert.Contains("line 103: Normal 'abc' is not a number", result.Output);
        Assert.Contains("line 204: expected 3 fields, found 2", result.Output);
        var deadLetters = TopicReader.ReadAll(_broker.BootstrapServers, Topics.DeadLetters).Select(r => Decode<DeadLetter>(r.Value)).OrderBy(d => d.SourceOffset).ToList();
        Assert.Equal([103L, 204L], deadLetters.Select(d => d.SourceOffset));
        Assert.Equal("0.04,abc,0.5", Encoding.UTF8.GetString(deadLetters[0].Value!));
        Assert.All(deadLetters, d => Assert.Equal(("file:bad.csv", "MalformedCsvRow"), (d.SourceTopic, d.ErrorReason)));
        Assert.Equal(2 * 3, TopicReader.ReadAll(_broker.BootstrapServers, Topics.SensorsVibration).Count); // 600 good rows: 2 full + 1 partial block per column
    }

    [Fact]
    public async Task Strict_StopsAtTheFirstMalformedRow()
    {
        var path = WriteFile("strict.csv", "sensor_id,capture_dt,temperature,humidity\nF1-B1-1F-L01-A1,2026-01-01 00:00:00,21.5,40\nF1-B1-1F-L01-A1,yesterday,21.5,40\nF1-B1-1F-L01-A1,2026-01-01 00:00:20,21.7,41\n");

        var result = await CliRunner.RunAsync(["import", "environment-csv", path, "--strict", .. Kafka]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("line 3: capture_dt 'yesterday' is not a date and time", result.Output);
        Assert.Contains("--strict", result.Output);
        Assert.Single(TopicReader.ReadAll(_broker.BootstrapServers, Topics.SensorsEnvironment));
    }

    [Fact]
    public async Task EnvironmentCsv_MapsSensorsToTheirLocation_AndRejectsImpossibleValues()
    {
        var path = WriteFile("env.csv", """
            sensor_id,capture_dt,temperature,humidity,pcv_temperature
            F2-B2-4F-L06-A1,2026-02-03 04:05:06,20.5,33.0,19.9
            F2-B2-4F-L06-A1,2026-02-03T04:05:16+01:00,20.6,33.5,
            HALL-7-A3,2026-02-03 04:05:26,18.0,55,17.5
            F2-B2-4F-L06-A1,2026-02-03 04:05:36,20.7,133,20
            """);

        var result = await CliRunner.RunAsync(["import", "environment-csv", path, .. Kafka]);

        Assert.True(result.ExitCode == ImportCommandExit.RowsSkipped, result.Output + result.Error);
        Assert.Contains("line 5: humidity 133 is outside 0…100", result.Output);
        var readings = TopicReader.ReadAll(_broker.BootstrapServers, Topics.SensorsEnvironment).Select(r => Decode<EnvironmentReading>(r.Value)).OrderBy(r => r.EventTime).ToList();
        Assert.Equal(3, readings.Count);
        Assert.Equal(new EnvironmentReading("F2-B2-4F-L06-A1", "F2-B2-4F-L06", new DateTimeOffset(2026, 2, 3, 3, 5, 16, TimeSpan.Zero), 20.6, 33.5, null), readings[0]);
        Assert.Equal("F2-B2-4F-L06", readings[1].LocId);
        Assert.Equal("HALL-7", readings[2].LocId);
    }

    [Fact]
    public async Task TripsCsv_ImportsByHeaderName_KeepsSuspiciousButReadableRows_AndReportsUnreadableOnes()
    {
        var path = WriteFile("trips.csv", """
            date,truck,origin,destination,odometer_start,odometer_end,distance_km,fuel_l,fuel_cost,toll,revenue
            2026-03-02,TRK-01,Rotterdam,Cologne,120500,120760,260,78.5,121.60,0,690.00
            02/03/2026,TRK-01,Cologne,"Frankfurt, Main",120760,12100,,60.1,93.20,14.50,455.00
            2026-03-02,,Rotterdam,Cologne,1,2,1,1,1,1,1
            2026-13-02,TRK-02,Lille,Paris,1,2,,1,1,1,1
            2026-03-03,TRK-02,Lille,Paris,5000,5230,230,70,110.555,0,500
            """);

        var result = await CliRunner.RunAsync(["import", "trips-csv", path, .. Kafka]);

        Assert.True(result.ExitCode == ImportCommandExit.RowsSkipped, result.Output + result.Error);
        Assert.Contains("line 4: truck is empty", result.Output);
        Assert.Contains("line 5: date '2026-13-02' is not yyyy-MM-dd", result.Output);
        Assert.Contains("line 6: fuel_cost 110.555 needs at most 2 decimals", result.Output);
        var trips = TopicReader.ReadAll(_broker.BootstrapServers, Topics.TripsRecords).Select(r => Decode<TripRecord>(r.Value)).OrderBy(t => t.OdometerStartKm).ToList();
        Assert.Equal(2, trips.Count);
        Assert.Equal("Frankfurt, Main", trips[1].Destination);
        Assert.Equal(12100, trips[1].OdometerEndKm); // a dropped digit, kept for the anomaly detector to find
        Assert.Equal(14.50m, trips[1].Toll);
        Assert.Equal(new DateOnly(2026, 3, 2), trips[1].TripDate);

        var again = await CliRunner.RunAsync(["import", "trips-csv", path, .. Kafka]);
        var replayed = TopicReader.ReadAll(_broker.BootstrapServers, Topics.TripsRecords).Select(r => Decode<TripRecord>(r.Value)).ToList();
        Assert.Equal(ImportCommandExit.RowsSkipped, again.ExitCode);
        Assert.Equal(2, replayed.Select(t => t.TripId).Distinct().Count()); // re-import gives the same ids, so sinks upsert
    }

    [Fact]
    public async Task TripsCsv_YearFirstKoreanAndCompactDates_AreReadLikeDayFirstOnes()
    {
        var path = WriteFile("korean-dates.csv", """
            date,truck,origin,destination,distance_km
            2026.03.02,TRK-01,서울,부산,395
            2026/03/03,TRK-01,부산,대구,120
            20260304,TRK-01,대구,대전,150
            2026년 3월 5일,TRK-01,대전,광주,170
            2026. 3. 6.,TRK-01,광주,서울,300
            2026-03-07,TRK-01,서울,인천,40
            08.03.2026,TRK-01,인천,수원,50
            """);

        var result = await CliRunner.RunAsync(["import", "trips-csv", path, .. Kafka]);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var trips = TopicReader.ReadAll(_broker.BootstrapServers, Topics.TripsRecords).Select(r => Decode<TripRecord>(r.Value)).OrderBy(t => t.TripDate).ToList();
        Assert.Equal(Enumerable.Range(2, 7).Select(d => new DateOnly(2026, 3, d)), trips.Select(t => t.TripDate));
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 20, 0, 0, TimeSpan.Zero), trips[3].EnteredAt);
        Assert.Equal("부산", trips[0].Destination);
    }

    [Fact]
    public async Task TripsCsv_DateFormatAndTimeZone_ReadUsDates_AndAmountsWithSeparatorsOrCurrency()
    {
        var path = WriteFile("us-trips.csv", """
            date,truck,origin,destination,odometer_start,odometer_end,fuel_l,fuel_cost,toll,revenue,entered_at
            03/02/2026,TRK-02,Seoul,Busan,"120,500","120,895",98.5,"₩185,000",₩0,"1,250,000원",03/02/2026 21:15
            03/13/2026,TRK-02,Busan,Seoul,"120,895","121,290","98,5","12.500,00 €","€ 7,50","$1,234.50",2026-03-13 21:15
            13/03/2026,TRK-02,Seoul,Incheon,1,2,1,1,1,1,
            03/14/2026,TRK-02,Seoul,Incheon,1,2,"1,234",1,1,1,
            """);

        var result = await CliRunner.RunAsync(["import", "trips-csv", path, "--date-format", "MM/dd/yyyy", "--date-format", "MM/dd/yyyy HH:mm", "--time-zone", "Asia/Seoul", .. Kafka]);

        Assert.True(result.ExitCode == ImportCommandExit.RowsSkipped, result.Output + result.Error);
        Assert.Contains("line 4: date '13/03/2026' is not MM/dd/yyyy, MM/dd/yyyy HH:mm (--date-format)", result.Output);
        Assert.Contains("line 5: fuel_l '1,234' is ambiguous", result.Output);
        var trips = TopicReader.ReadAll(_broker.BootstrapServers, Topics.TripsRecords).Select(r => Decode<TripRecord>(r.Value)).OrderBy(t => t.TripDate).ToList();
        Assert.Equal(2, trips.Count);
        Assert.Equal((new DateOnly(2026, 3, 2), 120_500.0, 120_895.0, 98.5, 185_000m, 0m, 1_250_000m), (trips[0].TripDate, trips[0].OdometerStartKm, trips[0].OdometerEndKm, trips[0].FuelLitres, trips[0].FuelCost, trips[0].Toll, trips[0].Revenue));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 15, 0, TimeSpan.Zero), trips[0].EnteredAt); // 21:15 in Seoul
        Assert.Equal((new DateOnly(2026, 3, 13), 98.5, 12_500m, 7.50m, 1_234.50m), (trips[1].TripDate, trips[1].FuelLitres, trips[1].FuelCost, trips[1].Toll, trips[1].Revenue));
        Assert.Equal(new DateTimeOffset(2026, 3, 13, 12, 15, 0, TimeSpan.Zero), trips[1].EnteredAt);
    }

    [Fact]
    public async Task TripsCsv_BadDateFormatOrZone_FailsBeforeImporting()
    {
        var path = WriteFile("t.csv", "date,truck,origin,destination,distance_km\n2026-03-02,T,A,B,1\n");

        var format = await CliRunner.RunAsync(["import", "trips-csv", path, "--date-format", "%", .. Kafka]);
        var zone = await CliRunner.RunAsync(["import", "trips-csv", path, "--time-zone", "Mars/Olympus", .. Kafka]);

        Assert.Equal((1, 1), (format.ExitCode, zone.ExitCode));
        Assert.Contains("--date-format '%' is not a .NET custom date format", format.Error);
        Assert.Contains("time zone 'Mars/Olympus'", zone.Error);
        Assert.Empty(TopicReader.ReadAll(_broker.BootstrapServers, Topics.TripsRecords));
    }

    [Fact]
    public async Task VibrationCsv_FilesNamedLikeTheLegacyRecordings_NeedNoFlags_AndAFolderImportsEveryFile()
    {
        var folder = _files.Sub("recordings");
        Directory.CreateDirectory(folder);
        foreach (var (name, seed) in new[] { ("g1_sensor1.csv", 1), ("g2_sensor3.csv", 2) })
        {
            using var writer = new StreamWriter(Path.Combine(folder, name));
            LegacyVibrationCsv.Write(writer, 600, seed);
        }
        var single = _files.Sub("G4-Sensor2.csv");
        using (var writer = new StreamWriter(single))
        {
            LegacyVibrationCsv.Write(writer, 300, seed: 4);
        }

        var result = await CliRunner.RunAsync(["import", "vibration-csv", folder, single, "--column", "Type 1", "--start", "2026-05-01T00:00:00Z", .. Kafka]);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("vibration-csv g1_sensor1.csv: as g1/sensor1 (from the file name)", result.Output);
        Assert.Contains("vibration-csv: 3 files, 1,500 rows", result.Output);
        var records = TopicReader.ReadAll(_broker.BootstrapServers, Topics.SensorsVibration);
        Assert.Equal(["g1/sensor1", "g2/sensor3", "g4/sensor2"], records.Select(r => r.Key).Distinct().Order());
        Assert.Equal(3 + 3 + 2, records.Count); // ceil(600 / 256) blocks each, ceil(300 / 256)
        Assert.All(records, r => Assert.Equal("1", r.Headers[TruthHeaders.Fault]));

        var overridden = await CliRunner.RunAsync(["import", "vibration-csv", single, "--machine", "g9", "--column", "Type 1", .. Kafka]);

        Assert.True(overridden.ExitCode == 0, overridden.Output + overridden.Error);
        Assert.Equal(2, TopicReader.ReadAll(_broker.BootstrapServers, Topics.SensorsVibration).Count(r => r.Key == "g9/sensor2"));
    }

    [Fact]
    public async Task VibrationCsv_UnnamedFilesWithoutFlags_OrTwoFilesForOneSensor_AreRefusedBeforeImporting()
    {
        var legacy = WriteFile("legacy.csv", "Time,Normal\n0,0.1\n");
        var first = WriteFile("g1_sensor1.csv", "Time,Normal\n0,0.1\n");
        var second = WriteFile("g1_sensor2.csv", "Time,Normal\n0,0.1\n");

        var unnamed = await CliRunner.RunAsync(["import", "vibration-csv", legacy, .. Kafka]);
        var shared = await CliRunner.RunAsync(["import", "vibration-csv", first, second, "--sensor", "sensor1", .. Kafka]);

        Assert.Equal((1, 1), (unnamed.ExitCode, shared.ExitCode));
        Assert.Contains("cannot tell the machine and sensor of legacy.csv", unnamed.Error);
        Assert.Contains("would all be imported as g1/sensor1", shared.Error);
        Assert.Empty(TopicReader.ReadAll(_broker.BootstrapServers, Topics.SensorsVibration));
    }

    [Fact]
    public async Task VibrationCsv_WithoutStart_StartsAtARecentMidnight_AndEndsBeforeNow()
    {
        var path = _files.Sub("g3_sensor4.csv");
        using (var writer = new StreamWriter(path))
        {
            LegacyVibrationCsv.Write(writer, 5_000, seed: 5);
        }

        var result = await CliRunner.RunAsync(["import", "vibration-csv", path, "--column", "Normal", .. Kafka]);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var times = TopicReader.ReadAll(_broker.BootstrapServers, Topics.SensorsVibration).Select(r => Decode<VibrationBlock>(r.Value).EventTime).Order().ToList();
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(TimeSpan.Zero, times[0].TimeOfDay);
        Assert.InRange(times[0], now.AddDays(-1).AddSeconds(-3), now);
        Assert.True(times[^1] <= now, $"the last block ({times[^1]:O}) is after now ({now:O})");
        Assert.Contains($"Time 0 at {times[0]:yyyy-MM-dd}T00:00:00", result.Output);
    }

    [Fact]
    public async Task EnvironmentCsv_KoreanFriendlyTimes_ZoneAndDecimalComma_AreRead_MalformedOnesListed()
    {
        var path = WriteFile("env-kr.csv", """
            sensor_id,capture_dt,temperature,humidity,pcv_temperature
            F1-B1-1F-L01-A1,2026-03-02 오후 2:05:10,"21,5",40,21
            F1-B1-1F-L01-A1,2026년 3월 2일 14시 5분 20초,21.6,"40,5",
            F1-B1-1F-L01-A1,20260302140530,21.7,41,21.2
            F1-B1-1F-L01-A1,2026.03.02 14:05:40,21.8,41,21.3
            F1-B1-1F-L01-A1,2026-03-02T05:05:50Z,21.9,41,21.4
            F1-B1-1F-L01-A1,2026-03-02 25:00,21,40,21
            F1-B1-1F-L01-A1,2026-03-02 14:06,"21,500",40,21
            F1-B1-1F-L01-A1,2026-03-02 14:07,21.5,"4O",21
            """);

        var result = await CliRunner.RunAsync(["import", "environment-csv", path, "--time-zone", "Asia/Seoul", .. Kafka]);

        Assert.True(result.ExitCode == ImportCommandExit.RowsSkipped, result.Output + result.Error);
        Assert.Contains("malformed rows 3", result.Output);
        Assert.Contains("line 7: capture_dt '2026-03-02 25:00' is not a date and time", result.Output);
        Assert.Contains("line 8: temperature '21,500' is ambiguous", result.Output);
        Assert.Contains("line 9: humidity '4O' is not a number", result.Output);
        var readings = TopicReader.ReadAll(_broker.BootstrapServers, Topics.SensorsEnvironment).Select(r => Decode<EnvironmentReading>(r.Value)).OrderBy(r => r.EventTime).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => new DateTimeOffset(2026, 3, 2, 5, 5, 10 + (10 * i), TimeSpan.Zero)), readings.Select(r => r.EventTime));
        Assert.Equal([21.5, 21.6, 21.7, 21.8, 21.9], readings.Select(r => r.TemperatureC));
        Assert.Equal(40.5, readings[1].HumidityPct);
        Assert.Equal(3, TopicReader.ReadAll(_broker.BootstrapServers, Topics.DeadLetters).Count);
    }

    [Fact]
    public async Task EnvironmentCsv_DateFormat_ReadsAnythingElse()
    {
        var path = WriteFile("env-us.csv", "sensor_id,capture_dt,temperature,humidity\nF1-B1-1F-L01-A1,\"Mar 2, 2026 2:05:10 PM\",21.5,40\n");

        var without = await CliRunner.RunAsync(["import", "environment-csv", path, .. Kafka]);
        var with = await CliRunner.RunAsync(["import", "environment-csv", path, "--date-format", "MMM d, yyyy h:mm:ss tt", .. Kafka]);

        Assert.Equal(ImportCommandExit.RowsSkipped, without.ExitCode);
        Assert.True(with.ExitCode == 0, with.Output + with.Error);
        var reading = Decode<EnvironmentReading>(TopicReader.ReadAll(_broker.BootstrapServers, Topics.SensorsEnvironment).Single().Value);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 14, 5, 10, TimeSpan.Zero), reading.EventTime);
    }

    [Fact]
    public async Task EnvironmentCsv_SavedByKoreanExcel_ImportsWithItsEncoding_AndFailsClearlyWithout()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var path = _files.Sub("cp949.csv");
        File.WriteAllBytes(path, System.Text.Encoding.GetEncoding(949).GetBytes("sensor_id,capture_dt,temperature,humidity\nF1-B1-1F-L01-A1,2026년 3월 2일 14시 5분,21.5,40\n"));

        var utf8 = await CliRunner.RunAsync(["import", "environment-csv", path, .. Kafka]);
        var cp949 = await CliRunner.RunAsync(["import", "environment-csv", path, "--encoding", "cp949", .. Kafka]);

        Assert.True(utf8.ExitCode == 1, utf8.Output + utf8.Error);
        Assert.Contains("cp949.csv: the file is not valid UTF-8; give its encoding with --encoding (cp949", utf8.Error);
        Assert.True(cp949.ExitCode == 0, cp949.Output + cp949.Error);
        var reading = Decode<EnvironmentReading>(TopicReader.ReadAll(_broker.BootstrapServers, Topics.SensorsEnvironment).Single().Value);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 14, 5, 0, TimeSpan.Zero), reading.EventTime);
    }

    [Fact]
    public async Task MissingColumns_OrMissingFile_FailWithAClearMessage()
    {
        var path = WriteFile("wrong.csv", "when,normal\n0,1\n");

        var badHeader = await CliRunner.RunAsync(["import", "vibration-csv", path, "--machine", "g1", "--sensor", "s", .. Kafka]);
        var noFile = await CliRunner.RunAsync(["import", "trips-csv", _files.Sub("absent.csv"), .. Kafka]);

        Assert.Equal(1, badHeader.ExitCode);
        Assert.Contains("no 'Time' column", badHeader.Error);
        Assert.Equal(1, noFile.ExitCode);
        Assert.Contains("does not exist", noFile.Error);
    }

    [Fact]
    public async Task HugeFile_OfTwoHundredThousandRows_ImportsCompletely()
    {
        var path = _files.Sub("huge.csv");
        using (var writer = new StreamWriter(path))
        {
            LegacyVibrationCsv.Write(writer, 200_000, seed: 2);
        }

        var result = await CliRunner.RunAsync(["import", "vibration-csv", path, "--machine", "g2", "--sensor", "sensor3", "--column", "Type 3", .. Kafka]);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("acknowledged 782", result.Output); // ceil(200 000 / 256) blocks of the one column
        Assert.Equal(782, TopicReader.ReadAll(_broker.BootstrapServers, Topics.SensorsVibration).Count(r => r.Key == "g2/sensor3"));
    }
}

/// <summary>The import command's documented exit codes.</summary>
internal static class ImportCommandExit
{
    public const int RowsSkipped = 3;
}
