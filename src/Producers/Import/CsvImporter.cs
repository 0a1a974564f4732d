using System.Diagnostics;
using System.Text;
using SensorStream.Contracts.Csv;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Publishing;

namespace SensorStream.Producers.Import;

/// <summary>
/// Replays a CSV file into a topic: rows become events through an <see cref="IRowMapper{T}"/>, are published keyed and
/// batched by an idempotent producer, and progress (rows/s, ETA) is reported every second. A malformed row is counted,
/// listed with its line number, sent to the dead-letter topic with its text and reason, and skipped — or, with
/// <c>strict</c>, stops the import. Nothing is lost silently.
/// </summary>
public static class CsvImporter
{
    /// <summary>Name recorded as the processor of dead letters from imports.</summary>
    public const string ProcessorName = "sensorstream-import";

    /// <summary>Runs the import and flushes; the report says what happened.</summary>
    /// <exception cref="FormatException">The file's header is not the expected layout.</exception>
    public static ImportReport Run<T>(string path, IRowMapper<T> mapper, EventPublisher<T> publisher, EventPublisher<DeadLetter> deadLetters,
        bool strict, TextWriter progress, CancellationToken cancellationToken)
        where T : class, IAvroEvent<T>
    {
        var report = new ImportReport();
        var totalBytes = new FileInfo(path).Length;
        using var text = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        var csv = new CsvReader(text);
        var stopwatch = Stopwatch.StartNew();
        using (new ProgressReporter(progress, () => Describe(report, publisher, csv.CharactersRead, totalBytes, stopwatch.Elapsed)))
        {
            var header = csv.Read() ?? throw new FormatException($"{path} is empty");
            mapper.ReadHeader(header);
            while (!cancellationToken.IsCancellationRequested)
            {
                CsvRow? row;
                try
                {
                    row = csv.Read();
                }
                catch (CsvFormatException e)
                {
                    report.RowsRead++;
                    if (Reject(report, deadLetters, path, e.LineNumber, string.Empty, e.Reason, strict))
                    {
                        break;
                    }
                    continue;
                }
                if (row is null)
                {
                    Publish(mapper.Complete(), publisher, report);
                    break;
                }
                report.RowsRead++;
                try
                {
                    Publish(mapper.Map(row), publisher, report);
                }
                catch (RowRejectedException e)
                {
                    if (Reject(report, deadLetters, path, row.LineNumber, row.Text, e.Message, strict))
                    {
                        break;
                    }
                }
            }
            publisher.Flush(TimeSpan.FromMinutes(2));
            deadLetters.Flush(TimeSpan.FromMinutes(2));
            report.Elapsed = stopwatch.Elapsed;
        }
        return report;
    }

    private static void Publish<T>(IEnumerable<OutgoingEvent<T>> events, EventPublisher<T> publisher, ImportReport report)
        where T : class, IAvroEvent<T>
    {
        foreach (var outgoing in events)
        {
            publisher.Publish(outgoing);
            report.EventsProduced++;
        }
    }

    /// <summary>Records a malformed row; returns true when the import must stop.</summary>
    private static bool Reject(ImportReport report, EventPublisher<DeadLetter> deadLetters, string path, long lineNumber, string rowText, string reason, bool strict)
    {
        report.AddMalformed(lineNumber, reason);
        var source = "file:" + Path.GetFileName(path);
        deadLetters.Publish(new OutgoingEvent<DeadLetter>(source, new DeadLetter(source, -1, lineNumber, null, null, Encoding.UTF8.GetBytes(rowText), [],
            "MalformedCsvRow", reason, ProcessorName, DateTimeOffset.UtcNow), DateTimeOffset.UtcNow, []));
        report.StoppedEarly = strict;
        return strict;
    }

    private static string Describe<T>(ImportReport report, EventPublisher<T> publisher, long charactersRead, long totalBytes, TimeSpan elapsed)
        where T : class, IAvroEvent<T>
    {
        var rate = report.RowsRead / Math.Max(elapsed.TotalSeconds, 0.001);
        // Characters approximate bytes for these ASCII layouts; good enough for an estimate.
        var fraction = totalBytes == 0 ? 1 : Math.Min(1, charactersRead / (double)totalBytes);
        var eta = fraction > 0 && fraction < 1 ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - fraction) / fraction) : TimeSpan.Zero;
        return $"import: {report.RowsRead:N0} rows ({fraction:P0}), {rate:N0} rows/s, ETA {eta:mm\\:ss}, {report.MalformedRows:N0} malformed, " +
            $"{publisher.Counters.Acknowledged:N0}/{report.EventsProduced:N0} events acknowledged, {publisher.Counters.Failed:N0} failed";
    }
}
