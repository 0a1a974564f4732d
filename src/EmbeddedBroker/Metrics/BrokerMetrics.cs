using System.Diagnostics.Metrics;
using SensorStream.EmbeddedBroker.Groups;
using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Storage;

namespace SensorStream.EmbeddedBroker.Metrics;

/// <summary>
/// The broker's instruments (one <see cref="Meter"/> per broker instance, so several brokers in one test
/// process keep separate figures): requests and latency per API, bytes in and out, rejected frames,
/// connections, and, sampled on scrape, log start/end offsets, partition sizes and consumer-group lag.
/// </summary>
internal sealed class BrokerMetrics : IDisposable
{
    public const string MeterName = "SensorStream.Broker";

    private static readonly double[] LatencyBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _bytesIn;
    private readonly Counter<long> _bytesOut;
    private readonly Counter<long> _recordsIn;
    private readonly Counter<long> _rejectedFrames;
    private readonly UpDownCounter<long> _connections;

    public BrokerMetrics()
    {
        Meter = new Meter(MeterName);
        _requests = Meter.CreateCounter<long>("sensorstream.broker.requests", "{request}", "Kafka requests handled, by API.");
        _requestDuration = Meter.CreateHistogram("sensorstream.broker.request.duration", "s",
            "Time from a request's arrival to its response being written, by API (Fetch includes long-poll waiting).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _bytesIn = Meter.CreateCounter<long>("sensorstream.broker.request.bytes", "By", "Bytes of request frames received.");
        _bytesOut = Meter.CreateCounter<long>("sensorstream.broker.response.bytes", "By", "Bytes of response frames sent.");
        _recordsIn = Meter.CreateCounter<long>("sensorstream.broker.records.appended", "{record}", "Records appended to topic logs, by topic.");
        _rejectedFrames = Meter.CreateCounter<long>("sensorstream.broker.rejected.requests", "{request}", "Requests refused by closing the connection, by reason.");
        _connections = Meter.CreateUpDownCounter<long>("sensorstream.broker.connections", "{connection}", "Open client connections.");
    }

    public Meter Meter { get; }

    /// <summary>Registers the gauges that read the logs and groups at scrape time.</summary>
    public void ObserveState(TopicStore topics, GroupCoordinator groups)
    {
        Meter.CreateObservableGauge("sensorstream.broker.log.end.offset", () => Partitions(topics, p => p.LogEndOffset), "{offset}", "Next offset to be written (high watermark), by topic and partition.");
        Meter.CreateObservableGauge("sensorstream.broker.log.start.offset", () => Partitions(topics, p => p.LogStartOffset), "{offset}", "First offset still retained, by topic and partition.");
        Meter.CreateObservableGauge("sensorstream.broker.log.size", () => Partitions(topics, p => p.SizeBytes), "By", "Bytes on disk, by topic and partition.");
        Meter.CreateObservableGauge("sensorstream.broker.group.lag", () => GroupLag(topics, groups), "{record}", "Log end offset minus the committed offset, by group, topic and partition.");
    }

    private static IEnumerable<Measurement<long>> Partitions(TopicStore topics, Func<PartitionLog, long> value) =>
        topics.Topics.SelectMany(t => t.Partitions.Select(p => new Measurement<long>(value(p),
            new KeyValuePair<string, object?>("topic", t.Name), new KeyValuePair<string, object?>("partition", p.Partition))));

    private static IEnumerable<Measurement<long>> GroupLag(TopicStore topics, GroupCoordinator groups)
    {
        foreach (var group in groups.GroupIds)
        {
            foreach (var ((topic, partition), committed) in groups.Offsets.GetAll(group))
            {
                if (topics.Find(topic)?.Partition(partition) is { } log)
                {
                    yield return new Measurement<long>(Math.Max(0, log.LogEndOffset - committed.Offset),
                        new KeyValuePair<string, object?>("group", group),
                        new KeyValuePair<string, object?>("topic", topic),
                        new KeyValuePair<string, object?>("partition", partition));
                }
            }
        }
    }

    public void RequestHandled(ApiKey api, double seconds, int requestBytes, int responseBytes)
    {
        var tag = new KeyValuePair<string, object?>("api", api.ToString());
        _requests.Add(1, tag);
        _requestDuration.Record(seconds, tag);
        _bytesIn.Add(requestBytes);
        _bytesOut.Add(responseBytes);
    }

    public void RecordsAppended(string topic, int count) => _recordsIn.Add(count, new KeyValuePair<string, object?>("topic", topic));

    public void RequestRejected(string reason) => _rejectedFrames.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ConnectionOpened() => _connections.Add(1);

    public void ConnectionClosed() => _connections.Add(-1);

    public void Dispose() => Meter.Dispose();
}
