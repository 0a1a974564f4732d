using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace SensorStream.ServiceDefaults.Metrics;

/// <summary>
/// Collects <see cref="System.Diagnostics.Metrics"/> instruments of the chosen meters and renders them in the
/// Prometheus text exposition format (version 0.0.4). Counters become <c>_total</c> counters, up-down counters
/// and observable gauges become gauges, histograms become cumulative <c>_bucket</c>/<c>_sum</c>/<c>_count</c>
/// series (bucket bounds from the instrument's advice, else latency-style defaults in seconds).
/// Instrument names map dots to underscores and get a unit suffix (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>).
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] DefaultBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _series = new();
    private readonly Lock _scrapeLock = new();

    /// <summary>Starts collecting every instrument of meters for which <paramref name="includeMeter"/> is true.</summary>
    public PrometheusExporter(Func<Meter, bool> includeMeter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (includeMeter(instrument.Meter))
            {
                _series[instrument] = new InstrumentSeries(instrument, BucketsFor(instrument));
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _series.TryRemove(instrument, out InstrumentSeries? _);
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    /// <summary>The content type of <see cref="Render"/>'s output.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_series.TryGetValue(instrument, out var series))
        {
            series.Record(value, FormatLabels(tags));
        }
    }

    private static double[] BucketsFor(Instrument instrument) => instrument switch
    {
        Histogram<double> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds],
        Histogram<long> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(b => (double)b)],
        _ => DefaultBuckets,
    };

    /// <summary>Renders every collected series; observable instruments are sampled now.</summary>
    public string Render()
    {
        lock (_scrapeLock)
        {
            foreach (var series in _series.Values.Where(s => s.IsObservable))
            {
                series.ClearGauges();
            }
            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var series in _series.Values.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                series.Render(text);
            }
            return text.ToString();
        }
    }

    private static string FormatLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return string.Empty;
        }
        var sorted = tags.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            text.Append(text.Length == 0 ? "" : ",").Append(SanitizeName(key)).Append("=\"")
                .Append(EscapeLabelValue(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)).Append('"');
        }
        return text.ToString();
    }

    internal static string SanitizeName(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] == '_' || chars[i] == ':'))
            {
                chars[i] = '_';
            }
        }
        return char.IsAsciiDigit(chars[0]) ? "_" + new string(chars) : new string(chars);
    }

    private static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Stops listening to the meters.</summary>
    public void Dispose() => _listener.Dispose();
}
