using System.CommandLine;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.Locations;
using SensorStream.ServiceDefaults.Kafka;
using SensorStream.Producers.Import;
using SensorStream.Producers.Publishing;
using SensorStream.ServiceDefaults.Configuration;
using SensorStream.ServiceDefaults.Logging;

namespace SensorStream.Cli.Commands;

/// <summary>
/// <c>sensorstream import vibration-csv|environment-csv|trips-csv FILE</c>: replay a file into Kafka. Exit codes:
/// 0 everything imported, 3 finished with malformed rows skipped (listed, and in the <c>dlq</c> topic),
/// 1 failed (bad header, strict stop, undeliverable events, Kafka unreachable).
/// </summary>
internal static class ImportCommand
{
    public const int RowsSkippedExitCode = 3;

    public static Command Create()
    {
        var import = new Command("import", "Replay a CSV file (vibration, environment or trips) into Kafka.");
        import.Subcommands.Add(VibrationCsv());
        import.Subcommands.Add(EnvironmentCsv());
        import.Subcommands.Add(TripsCsv());
        return import;
    }

    private static Command VibrationCsv()
    {
        var machine = new Option<string>("--machine") { Description = "Machine id for the imported blocks, e.g. g1.", Required = true };
        var sensor = new Option<string>("--sensor") { Description = "Sensor id; with several condition columns each gets a suffix (sensor1-normal, sensor1-type1…).", Required = true };
        var columns = new Option<string[]>("--column") { Description = "Import only this condition column (repeatable): Normal, \"Type 1\", \"Type 2\", \"Type 3\". Default: all." };
        var start = new Option<DateTimeOffset?>("--start") { Description = "Event time of Time = 0 (ISO 8601). Default 2020-01-01T00:00:00Z, so re-imports give the same events." };
        var sampleRate = new Option<double?>("--sample-rate") { Description = "Samples per second, Hz. Default: from the first two Time values." };
        var shaftRpm = new Option<double?>("--shaft-rpm") { Description = "Shaft speed, rpm, if known." };
        return Import("vibration-csv", "Legacy vibration CSV (Time, Normal, Type 1, Type 2, Type 3) into sensors.vibration, 256-sample blocks.",
            Topics.SensorsVibration, [machine, sensor, columns, start, sampleRate, shaftRpm], (parse, _) =>
                new VibrationCsvMapper(parse.GetValue(machine)!, parse.GetValue(sensor)!, parse.GetValue(columns) is { Length: > 0 } c ? c : null,
                    parse.GetValue(start) ?? new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), parse.GetValue(sampleRate), parse.GetValue(shaftRpm)));
    }

    private static Command EnvironmentCsv()
    {
        var locations = new Option<FileInfo?>("--locations") { Description = "Locations CSV that maps sensor ids to loc_id. Default: the built-in tree." };
        return Import<EnvironmentReading>("environment-csv", "Environment CSV (sensor_id, capture_dt, temperature, humidity, pcv_temperature) into sensors.environment.",
            Topics.SensorsEnvironment, [locations], (parse, _) =>
                new EnvironmentCsvMapper(parse.GetValue(locations) is { } file ? LocationTree.Load(file.FullName) : LocationTree.Default));
    }

    private static Command TripsCsv() =>
        Import<TripRecord>("trips-csv", "Trip log CSV (date, truck, odometer_start, odometer_end, distance_km, fuel_l, fuel_cost, toll, revenue, origin, destination[, entered_at, trip_id]) into trips.records.",
            Topics.TripsRecords, [], (_, _) => new TripsCsvMapper());

    private static Command Import<T>(string name, string description, string topic, Option[] extra,
        Func<ParseResult, Microsoft.Extensions.Configuration.IConfiguration, IRowMapper<T>> mapper) where T : class, IAvroEvent<T>
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV file to import." };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first malformed row instead of skipping it." };
        var kafkaOptions = new KafkaCliOptions();
        var command = new Command(name, description) { file, strict }.WithOptions(extra);
        kafkaOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetValue(file)!;
            if (!path.Exists)
            {
                await error.WriteLineAsync($"sensorstream import {name}: {path.FullName} does not exist").ConfigureAwait(false);
                return 1;
            }
            KafkaOptions kafka;
            PublisherOptions publishing;
            IRowMapper<T> rows;
            try
            {
                var configuration = kafkaOptions.Configuration(parseResult);
                kafka = KafkaCliOptions.Kafka(configuration);
                publishing = SensorStreamConfiguration.Bind<PublisherOptions>(configuration, PublisherOptions.SectionName);
                rows = mapper(parseResult, configuration);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or IOException)
            {
                await error.WriteLineAsync($"sensorstream import {name}: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            using var loggerFactory = ConsoleLogging.Create(parseResult.GetValue(kafkaOptions.LogLevel));
            var logger = loggerFactory.CreateLogger("SensorStream.Import");
            if (!await CommandSupport.TryEnsureTopicsAsync(kafka, [topic, Topics.DeadLetters], error, $"import {name}").ConfigureAwait(false))
            {
                return 1;
            }
            using var registry = KafkaServiceCollectionExtensions.CreateRegistryClient(kafka);
            using var publisher = new EventPublisher<T>(kafka, publishing, registry, topic, logger);
            using var deadLetters = new EventPublisher<DeadLetter>(kafka, publishing, registry, Topics.DeadLetters, logger);
            ImportReport report;
            try
            {
                report = await Task.Run(() => CsvImporter.Run(path.FullName, rows, publisher, deadLetters, parseResult.GetValue(strict), error, cancellationToken),
                    CancellationToken.None).ConfigureAwait(false);
            }
            catch (FormatException e)
            {
                await error.WriteLineAsync($"sensorstream import {name}: {path.Name}: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            await WriteSummaryAsync(output, name, path.Name, report, publisher.Counters, deadLetters.Counters).ConfigureAwait(false);
            var undelivered = publisher.Counters.Failed + publisher.Counters.InFlight + deadLetters.Counters.Failed + deadLetters.Counters.InFlight;
            return undelivered > 0 || report.StoppedEarly ? 1 : report.MalformedRows > 0 ? RowsSkippedExitCode : 0;
        });
        return command;
    }

    private static async Task WriteSummaryAsync(TextWriter output, string name, string file, ImportReport report, PublishCounters events, PublishCounters deadLetters)
    {
        var rate = report.RowsRead / Math.Max(report.Elapsed.TotalSeconds, 0.001);
        await output.WriteLineAsync($"{name} {file}: {report.RowsRead:N0} rows in {report.Elapsed.TotalSeconds:F1} s ({rate:N0} rows/s); " +
            $"events {events}; malformed rows {report.MalformedRows:N0} (sent to {Topics.DeadLetters}: {deadLetters.Acknowledged:N0})" +
            (report.StoppedEarly ? "; stopped at the first malformed row (--strict)" : string.Empty)).ConfigureAwait(false);
        foreach (var (line, reason) in report.FirstMalformed)
        {
            await output.WriteLineAsync($"  line {line}: {reason}").ConfigureAwait(false);
        }
        if (report.MalformedRows > report.FirstMalformed.Count)
        {
            await output.WriteLineAsync($"  … and {report.MalformedRows - report.FirstMalformed.Count:N0} more (all in {Topics.DeadLetters})").ConfigureAwait(false);
        }
    }
}
