using System.Globalization;
using System.Text;
using Confluent.Kafka;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Locations;
using SensorStream.StreamProcessors.Anomalies;
using SensorStream.StreamProcessors.Runtime;
using SensorStream.StreamProcessors.Thresholds;
using SensorStream.StreamProcessors.Rollup;
using SensorStream.StreamProcessors.Windows;

namespace SensorStream.StreamProcessors.Environment;

/// <summary>
/// One partition of <c>sensors.environment</c>: per sensor and metric, event-time windows (MIN/MAX/AVG/COUNT) carrying
/// the sensor's threshold status; status transitions; statistical anomalies; late readings to <c>late.events</c>; and,
/// per window of each of its sensors' ancestors (location, floor, building, factory), this partition's sensors combined
/// into one partial record keyed by the ancestor on the rollup topic (<see cref="AncestorPartials"/>), where
/// <see cref="Rollup.RollupPartitionProcessor"/> combines the partitions' partials. Every
/// <see cref="EnvironmentProcessingOptions.RollupHeartbeat"/> it also tells every rollup partition how far its
/// watermark has got (a heartbeat), so a rollup partition that gets no windows from it is not held back by it.
/// </summary>
internal sealed class EnvironmentPartitionProcessor : PartitionProcessor<EnvironmentReading>
{
    private readonly ProcessingOptions _options;
    private readonly LocationTree _tree;
    private readonly LiveThresholds _thresholds;
    private readonly string _rollupTopic;
    private readonly string _source;
    private readonly WindowSpec _statusSpec;
    private readonly WindowedAggregator _windows;
    private readonly Watermark _watermark;
    private readonly Dictionary<(string Sensor, string Metric), StatusTracker> _status = [];
    private readonly Dictionary<(string Sensor, string Metric), EwmaDetector> _detectors = [];
    private readonly Dictionary<string, string> _locationOfUnknownSensor = new(StringComparer.Ordinal);
    private readonly List<WindowResult> _results = [];
    private readonly AncestorPartials _partials;
    private readonly int _rollupPartitions;
    private DateTimeOffset _completedWatermark = DateTimeOffset.MinValue;
    private DateTimeOffset _lastHeartbeat = DateTimeOffset.MinValue;

    public EnvironmentPartitionProcessor(ProcessorContext context, ProcessingOptions options, LocationTree tree, LiveThresholds thresholds, string rollupTopic, int rollupPartitions, int partition)
        : base(context)
    {
        _source = $"{Topics.SensorsEnvironment}:{partition}";
        _options = options;
        _tree = tree;
        _thresholds = thresholds;
        _rollupTopic = rollupTopic;
        _rollupPartitions = rollupPartitions;
        var specs = options.Environment.Windows.Select(WindowSpec.Parse).ToList();
        _statusSpec = specs[0];
        _windows = new WindowedAggregator(specs, options.Environment.Windowing);
        _watermark = new Watermark(options.Environment.Windowing);
        _partials = new AncestorPartials(options.Environment.Windowing.AllowedLateness + options.Environment.Windowing.LateRetention);
    }

    // The record that set the watermark must be replayed too, so the rebuilt watermark equals this one.
    protected override long SafeCommitOffset(long next) =>
        _windows.SafeCommitOffset(_watermark.MaxEventTimeOffset < 0 ? next : Math.Min(next, _watermark.MaxEventTimeOffset));

    protected override string? Validate(EnvironmentReading value) =>
        string.IsNullOrWhiteSpace(value.SensorId) ? "sensor_id is empty"
        : EventValidation.EventTimeProblem(value.EventTime, Context.Clock.GetUtcNow())
        ?? EventValidation.RangeProblem("temperature_c", value.TemperatureC, -100, 150)
        ?? EventValidation.RangeProblem("humidity_pct", value.HumidityPct, 0, 100)
        ?? (value.PerceivedTemperatureC is { } p ? EventValidation.RangeProblem("perceived_temperature_c", p, -120, 180) : null);

    protected override void Handle(SourceRecord record, EnvironmentReading reading, Action<OutputRecord> emit)
    {
        if (_tree.Find(reading.SensorId) is null)
        {
            _locationOfUnknownSensor[reading.SensorId] = reading.LocId;
        }
        var watermark = _watermark.Current;
        var late = 0;
        foreach (var (metric, value) in EnvironmentMetrics.Of(reading))
        {
            late += _windows.Add(reading.SensorId, metric, reading.EventTime, ValueSummary.Of(value), record.Offset, watermark, _results).Late;
            if (metric != EnvironmentMetrics.PerceivedTemperature)
            {
                Detect(reading, metric, value, emit);
            }
        }
        if (late > 0)
        {
            Late(record, reading.EventTime, watermark, late, emit);
        }
        _watermark.Observe(reading.EventTime, record.Offset, Context.Clock.GetUtcNow());
        Advance(emit);
    }

    protected override void OnTick(DateTimeOffset now, Action<OutputRecord> emit)
    {
        if (_watermark.OnIdleCheck(now))
        {
            Advance(emit);
        }
        else
        {
            MaybeHeartbeat(emit);
        }
    }

    private void MaybeHeartbeat(Action<OutputRecord> emit)
    {
        var now = Context.Clock.GetUtcNow();
        if (now - _lastHeartbeat < _options.Environment.RollupHeartbeat)
        {
            return;
        }
        _lastHeartbeat = now;
        var watermark = _watermark.MaxEventTime == DateTimeOffset.MinValue
            ? RollupHeaders.NoData
            : _completedWatermark.UtcTicks.ToString(CultureInfo.InvariantCulture);
        for (var partition = 0; partition < _rollupPartitions; partition++)
        {
            var headers = new Headers
            {
                { RollupHeaders.Source, Encoding.UTF8.GetBytes(_source) },
                { RollupHeaders.SourceWatermark, Encoding.UTF8.GetBytes(watermark) },
            };
            emit(new OutputRecord(_rollupTopic, null, null, headers, now, partition));
        }
    }

    private void Advance(Action<OutputRecord> emit)
    {
        var watermark = _watermark.Current;
        _windows.Advance(watermark, _results);
        foreach (var result in _results)
        {
            EmitWindow(result, emit);
        }
        _results.Clear();
        SendPartials(emit);
        _partials.Expire(watermark);
        // Only once this batch has gone out may the rollup treat windows ending before the new watermark as complete.
        _completedWatermark = watermark;
        MaybeHeartbeat(emit);
    }

    private void EmitWindow(WindowResult result, Action<OutputRecord> emit)
    {
        var location = _tree.Find(result.Entity);
        var sensorType = location?.SensorType ?? "unknown";
        var key = (result.Entity, result.Metric);
        if (!_status.TryGetValue(key, out var tracker))
        {
            _status[key] = tracker = new StatusTracker(_options.Status);
        }
        if (result.Spec == _statusSpec && !result.IsUpdate
            && tracker.Observe(_thresholds.Current.Find(sensorType, result.Metric), result.Values.Min, result.Values.Max, result.Start, result.End,
                result.Entity, sensorType, result.Metric) is { } change)
        {
            emit(Context.Codec.Output(Topics.StatusChanges, result.Entity, change, change.EventTime));
        }
        var aggregate = new WindowAggregate(result.Entity, result.Metric, result.Start, result.End, result.Values.Count, result.Values.Min,
            result.Values.Max, result.Values.Average, result.LateCount, EntityTypes.Sensor, null, tracker.Level);
        emit(Context.Codec.Output(Topics.MetricsWindows, result.Entity, aggregate, result.End));
        foreach (var (ancestor, level) in Ancestors(result.Entity, location))
        {
            _partials.Add(ancestor, level, aggregate);
        }
    }

    private void SendPartials(Action<OutputRecord> emit)
    {
        var source = Encoding.UTF8.GetBytes(_source);
        // The watermark before this batch: every window ending before it has already been sent in full.
        var sourceWatermark = Encoding.UTF8.GetBytes(_completedWatermark.UtcTicks.ToString(CultureInfo.InvariantCulture));
        _partials.Drain((partial, sensors) =>
        {
            var headers = new Headers
            {
                { RollupHeaders.Source, source },
                { RollupHeaders.SourceWatermark, sourceWatermark },
                { RollupHeaders.Sensors, Encoding.UTF8.GetBytes(sensors.ToString(CultureInfo.InvariantCulture)) },
            };
            emit(Context.Codec.Output(_rollupTopic, partial.EntityId, partial, partial.WindowEnd, headers));
        });
    }

    private IEnumerable<(string Entity, string Type)> Ancestors(string sensorId, SensorLocation? location)
    {
        if (location is null)
        {
            // Outside the tree only the location the reading named is known.
            if (_locationOfUnknownSensor.TryGetValue(sensorId, out var locId))
            {
                yield return (locId, EntityTypes.Location);
            }
            yield break;
        }
        yield return (location.LocId, EntityTypes.Location);
        yield return (location.FloorId, EntityTypes.Floor);
        yield return (location.BuildingId, EntityTypes.Building);
        yield return (location.Factory, EntityTypes.Factory);
    }

    private void Detect(EnvironmentReading reading, string metric, double value, Action<OutputRecord> emit)
    {
        var key = (reading.SensorId, metric);
        if (!_detectors.TryGetValue(key, out var detector))
        {
            _detectors[key] = detector = new EwmaDetector(_options.Anomalies);
        }
        var (z, expected, sd, isAnomaly) = detector.Observe(value);
        if (!isAnomaly)
        {
            return;
        }
        var details = new Dictionary<string, string>
        {
            ["z"] = z.ToString("F2", CultureInfo.InvariantCulture),
            ["threshold"] = _options.Anomalies.Threshold.ToString(CultureInfo.InvariantCulture),
            ["alpha"] = _options.Anomalies.Alpha.ToString(CultureInfo.InvariantCulture),
            ["standard_deviation"] = sd.ToString("F4", CultureInfo.InvariantCulture),
            ["readings_seen"] = detector.Count.ToString(CultureInfo.InvariantCulture),
        };
        var id = AnomalyIds.For(Topics.SensorsEnvironment, reading.SensorId, metric, reading.EventTime.UtcTicks.ToString(CultureInfo.InvariantCulture));
        var anomaly = new Anomaly(id, Topics.SensorsEnvironment, reading.SensorId, reading.EventTime, AnomalyKind.StatisticalOutlier, metric, value, expected, Math.Abs(z), details);
        Context.Counters.AnomalyFlagged();
        emit(Context.Codec.Output(Topics.Anomalies, reading.SensorId, anomaly, reading.EventTime));
    }
}
