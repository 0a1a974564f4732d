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
    /// <param name="path">The CSV file.</param>
    /// <param name="mapper">Turns its rows into events.</param>
    /// <param name="publisher">Where the events go.</param>
    /// <param name="deadLetters">Where malformed rows go.</param>
    /// <param name="strict">Stop at the first malformed row.</param>
    /// <param name="progress">Where the progress line goes every second.</param>
    /// <param name="cancellationToken">Stops the import early; what was read is still flushed.</param>
    /// <param name="encoding">The file's text encoding (a byte-order mark overrides it). Default strict UTF-8.</param>
    /// <exception cref="FormatException">The file's header is not the expected layout.</exception>
    public static ImportReport Run<T>(string path, IRowMapper<T> mapper, EventPublisher<T> publisher, EventPublisher<DeadLetter> deadLetters,
        bool strict, TextWriter progress, CancellationToken cancellationToken, Encoding? encoding = null)
        where T : class, IAvroEvent<T>
    {
        var report = new ImportReport();
        var totalBytes = new FileInfo(path).Length;
        encoding ??= Parsing.TextEncodings.StrictUtf8;
        using var text = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        var csv = new CsvReader(text);
        var stopwatch = Stopwatch.StartNew();
        using (new ProgressReporter(progress, () => Describe(report, publisher, csv.CharactersRead, totalBytes, stopwatch.Elapsed)))
        {
            CsvRow header;
            try
            {
                header = csv.Read() ?? throw new FormatException("the file is empty");
            }
            catch (DecoderFallbackException)
            {
                throw new FormatException($"the file is not {NotEncodedHint(encoding)}");
            }
            mapper.ReadHeader(header);
            var lastLine = header.LineNumber;
            while (!cancellationToken.IsCancellationRequested)
            {
                CsvRow? row;
                try
                {
                    row = csv.Read();
                }
                catch (DecoderFallbackException)
                {
                    // Not a malformed row but the wrong encoding for the whole file: every later row is suspect too.
                    // The reader decodes ahead in blocks, so the bad bytes are somewhere after the last row read.
                    report.Failure = $"the file is not {NotEncodedHint(encoding)}; rows after line {lastLine} were not imported";
                    break;
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
                lastLine = row.LineNumber;
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

    private static string NotEncodedHint(Encoding encoding) => encoding.CodePage == Encoding.UTF8.CodePage
        ? "valid UTF-8; give its encoding with --encoding (cp949 for a file saved by Korean Excel, latin1, utf-16…)"
        : $"valid {encoding.WebName}; give its encoding with --encoding (utf-8, cp949, latin1, utf-16…)";

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
