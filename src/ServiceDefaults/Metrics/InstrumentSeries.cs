using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace SensorStream.ServiceDefaults.Metrics;

/// <summary>The aggregated values of one instrument, per label set, and their Prometheus rendering.</summary>
internal sealed class InstrumentSeries
{
    private readonly ConcurrentDictionary<string, Aggregate> _values = new(StringComparer.Ordinal);
    private readonly double[] _buckets;
    private readonly Kind _kind;

    public InstrumentSeries(Instrument instrument, double[] buckets)
    {
        _buckets = buckets;
        _kind = instrument switch
        {
            Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<int> or ObservableCounter<double> => Kind.Counter,
            Histogram<long> or Histogram<int> or Histogram<double> => Kind.Histogram,
            _ => Kind.Gauge,
        };
        IsObservable = instrument.IsObservable;
        Description = instrument.Description ?? string.Empty;
        var name = PrometheusExporter.SanitizeName(instrument.Name);
        name += instrument.Unit switch
        {
            "s" when !name.EndsWith("_seconds", StringComparison.Ordinal) => "_seconds",
            "By" when !name.EndsWith("_bytes", StringComparison.Ordinal) => "_bytes",
            _ => string.Empty,
        };
        Name = _kind == Kind.Counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    private enum Kind
    {
        Counter,
        Gauge,
        Histogram,
    }

    public string Name { get; }

    public string Description { get; }

    public bool IsObservable { get; }

    public void Record(double value, string labels)
    {
        var aggregate = _values.GetOrAdd(labels, _ => new Aggregate(_buckets.Length));
        lock (aggregate)
        {
            switch (_kind)
            {
                case Kind.Counter when !IsObservable:
                    aggregate.Sum += value;
                    break;
                case Kind.Histogram:
                    aggregate.Sum += value;
                    aggregate.Count++;
                    var bucket = Array.FindIndex(_buckets, b => value <= b);
                    aggregate.BucketCounts[bucket < 0 ? _buckets.Length : bucket]++;
                    break;
                case Kind.Gauge when !IsObservable:
                    aggregate.Sum += value; // up-down counter: a running total
                    break;
                default:
                    aggregate.Sum = value; // observable: the latest sample
                    break;
            }
        }
    }

    /// <summary>Observable series are re-sampled on every scrape; label sets that disappeared must not linger.</summary>
    public void ClearGauges() => _values.Clear();

    public void Render(StringBuilder text)
    {
        if (_values.IsEmpty)
        {
            return;
        }
        var type = _kind switch { Kind.Counter => "counter", Kind.Histogram => "histogram", _ => "gauge" };
        text.Append("# HELP ").Append(Name).Append(' ').Append(Description.Replace("\n", " ", StringComparison.Ordinal)).Append('\n');
        text.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
        foreach (var (labels, aggregate) in _values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            lock (aggregate)
            {
                if (_kind == Kind.Histogram)
                {
                    RenderHistogram(text, labels, aggregate);
                }
                else
                {
                    Line(text, Name, labels, aggregate.Sum);
                }
            }
        }
    }

    private void RenderHistogram(StringBuilder text, string labels, Aggregate aggregate)
    {
        long cumulative = 0;
        var prefix = labels.Length == 0 ? string.Empty : labels + ",";
        for (var i = 0; i < _buckets.Length; i++)
        {
            cumulative += aggregate.BucketCounts[i];
            Line(text, Name + "_bucket", prefix + "le=\"" + Format(_buckets[i]) + "\"", cumulative);
        }
        Line(text, Name + "_bucket", prefix + "le=\"+Inf\"", aggregate.Count);
        Line(text, Name + "_sum", labels, aggregate.Sum);
        Line(text, Name + "_count", labels, aggregate.Count);
    }

    private static void Line(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }
        text.Append(' ').Append(Format(value)).Append('\n');
    }

    private static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private sealed class Aggregate(int bucketCount)
    {
        public double Sum { get; set; }

        public long Count { get; set; }

        public long[] BucketCounts { get; } = new long[bucketCount + 1];
    }
}
