using System.CommandLine;
using System.Text;
using Microsoft.Extensions.Configuration;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.Locations;
using SensorStream.ServiceDefaults.Kafka;
using SensorStream.Producers.Import;
using SensorStream.Producers.Import.Parsing;
using SensorStream.Producers.Publishing;
using SensorStream.ServiceDefaults.Configuration;
using SensorStream.ServiceDefaults.Logging;

namespace SensorStream.Cli.Commands;

/// <summary>
/// <c>sensorstream import vibration-csv|environment-csv|trips-csv FILE|FOLDER…</c>: replay files into Kafka. Exit codes:
/// 0 everything imported, 3 finished with malformed rows skipped (listed, and in the <c>dlq</c> topic),
/// 1 failed (bad header, strict stop, wrong encoding, undeliverable events, Kafka unreachable).
/// </summary>
internal static class ImportCommand
{
    public const int RowsSkippedExitCode = 3;

    public static Command Create()
    {
        var import = new Command("import", "Replay CSV files (vibration, environment or trips) into Kafka.");
        import.Subcommands.Add(VibrationCsv());
        import.Subcommands.Add(EnvironmentCsv());
        import.Subcommands.Add(TripsCsv());
        return import;
    }

    private static Command VibrationCsv()
    {
        var machine = new Option<string?>("--machine") { Description = "Machine id for every file, e.g. g1. Default: from each file's name (g1_sensor1.csv)." };
        var sensor = new Option<string?>("--sensor") { Description = "Sensor id for every file; with several condition columns each gets a suffix (sensor1-normal, sensor1-type1…). Default: from each file's name." };
        var columns = new Option<string[]>("--column") { Description = "Import only this condition column (repeatable): Normal, \"Type 1\", \"Type 2\", \"Type 3\". Default: all." };
        var start = new Option<DateTimeOffset?>("--start") { Description = "Event time of Time = 0 (ISO 8601, UTC if no offset). Default: midnight UTC today (the day before if the longest recording would end after now), so re-imports on one day give the same events." };
        var sampleRate = new Option<double?>("--sample-rate") { Description = "Samples per second, Hz. Default: from the first two Time values." };
        var shaftRpm = new Option<double?>("--shaft-rpm") { Description = "Shaft speed, rpm, if known." };
        return Import<VibrationBlock>("vibration-csv", "Legacy vibration CSV (Time, Normal, Type 1, Type 2, Type 3) into sensors.vibration, 256-sample blocks; machine and sensor from file names like g1_sensor1.csv.",
            Topics.SensorsVibration, [machine, sensor, columns, start, sampleRate, shaftRpm], (parse, _, files, encoding) =>
            {
                var targets = VibrationTargets.Resolve(files, parse.GetValue(machine), parse.GetValue(sensor));
                var startTime = parse.GetValue(start)
                    ?? VibrationRecordings.DefaultStart(DateTimeOffset.UtcNow, files.Max(f => VibrationRecordings.Span(f, encoding)));
                var only = parse.GetValue(columns) is { Length: > 0 } c ? c : null;
                return [.. targets.Select(t => new ImportFile<VibrationBlock>(t.File,
                    () => new VibrationCsvMapper(t.MachineId, t.SensorId, only, startTime, parse.GetValue(sampleRate), parse.GetValue(shaftRpm)),
                    $"as {t.MachineId}/{t.SensorId}{(t.Inferred ? " (from the file name)" : string.Empty)}, Time 0 at {startTime:yyyy-MM-dd'T'HH:mm:ssK}"))];
            });
    }

    private static Command EnvironmentCsv()
    {
        var locations = new Option<FileInfo?>("--locations") { Description = "Locations CSV that maps sensor ids to loc_id. Default: the built-in tree." };
        var dates = new ImportDateOptions();
        return Import<EnvironmentReading>("environment-csv", "Environment CSV (sensor_id, capture_dt, temperature, humidity, pcv_temperature) into sensors.environment.",
            Topics.SensorsEnvironment, [locations, .. dates.All], (parse, _, files, _) =>
            {
                var tree = parse.GetValue(locations) is { } file ? LocationTree.Load(file.FullName) : LocationTree.Default;
                var parser = dates.Parser(parse);
                return [.. files.Select(f => new ImportFile<EnvironmentReading>(f, () => new EnvironmentCsvMapper(tree, parser), null))];
            });
    }

    private static Command TripsCsv()
    {
        var dates = new ImportDateOptions();
        return Import<TripRecord>("trips-csv", "Trip log CSV (date, truck, odometer_start, odometer_end, distance_km, fuel_l, fuel_cost, toll, revenue, origin, destination[, entered_at, trip_id]) into trips.records.",
            Topics.TripsRecords, [.. dates.All], (parse, _, files, _) =>
            {
                var parser = dates.Parser(parse);
                return [.. files.Select(f => new ImportFile<TripRecord>(f, () => new TripsCsvMapper(parser), null))];
            });
    }

    /// <summary>One file of an import: its mapper (a fresh one per file, since mappers keep the header and state) and what to say about it first.</summary>
    private sealed record ImportFile<T>(string Path, Func<IRowMapper<T>> Mapper, string? Note);

    /// <summary>Plans the files of an import from the command line; throws <see cref="FormatException"/> for what cannot be imported.</summary>
    private delegate IReadOnlyList<ImportFile<T>> PlanImport<T>(ParseResult parseResult, IConfiguration configuration, IReadOnlyList<string> files, Encoding encoding);

    private static Command Import<T>(string name, string description, string topic, Option[] extra, PlanImport<T> plan) where T : class, IAvroEvent<T>
    {
        var paths = new Argument<string[]>("files") { Description = "CSV files, or folders (every *.csv file in them, by name).", Arity = ArgumentArity.OneOrMore };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first malformed row instead of skipping it." };
        var encodingName = new Option<string?>("--encoding") { Description = "Text encoding of the files: utf-8 (default; a byte-order mark is honoured), cp949 (Korean Excel), latin1, utf-16, or a code page number." };
        var kafkaOptions = new KafkaCliOptions();
        var command = new Command(name, description) { paths, strict, encodingName }.WithOptions(extra);
        kafkaOptions.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            KafkaOptions kafka;
            PublisherOptions publishing;
            IReadOnlyList<ImportFile<T>> files;
            Encoding encoding;
            try
            {
                var resolved = ImportFiles.Resolve(parseResult.GetValue(paths)!);
                encoding = TextEncodings.Parse(parseResult.GetValue(encodingName));
                var configuration = kafkaOptions.Configuration(parseResult);
                kafka = KafkaCliOptions.Kafka(configuration);
                publishing = SensorStreamConfiguration.Bind<PublisherOptions>(configuration, PublisherOptions.SectionName);
                files = plan(parseResult, configuration, resolved, encoding);
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
            var exitCode = 0;
            long rows = 0, malformed = 0;
            foreach (var file in files)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                var fileName = Path.GetFileName(file.Path);
                if (file.Note is not null)
                {
                    await output.WriteLineAsync($"{name} {fileName}: {file.Note}").ConfigureAwait(false);
                }
                ImportReport report;
                try
                {
                    var mapper = file.Mapper();
                    report = await Task.Run(() => CsvImporter.Run(file.Path, mapper, publisher, deadLetters, parseResult.GetValue(strict), error, cancellationToken, encoding),
                        CancellationToken.None).ConfigureAwait(false);
                }
                catch (FormatException e)
                {
                    await error.WriteLineAsync($"sensorstream import {name}: {fileName}: {e.Message}").ConfigureAwait(false);
                    return 1;
                }
                await WriteSummaryAsync(output, name, fileName, report, publisher.Counters, deadLetters.Counters).ConfigureAwait(false);
                rows += report.RowsRead;
                malformed += report.MalformedRows;
                if (report.Failure is not null)
                {
                    await error.WriteLineAsync($"sensorstream import {name}: {fileName}: {report.Failure}").ConfigureAwait(false);
                    return 1;
                }
                if (report.StoppedEarly)
                {
                    return 1;
                }
                exitCode = report.MalformedRows > 0 ? RowsSkippedExitCode : exitCode;
            }
            if (files.Count > 1)
            {
                await output.WriteLineAsync($"{name}: {files.Count} files, {rows:N0} rows; events {publisher.Counters}; malformed rows {malformed:N0}").ConfigureAwait(false);
            }
            var undelivered = publisher.Counters.Failed + publisher.Counters.InFlight + deadLetters.Counters.Failed + deadLetters.Counters.InFlight;
            return undelivered > 0 ? 1 : exitCode;
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
