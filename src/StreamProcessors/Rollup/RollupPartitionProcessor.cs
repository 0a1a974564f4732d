using System.Globalization;
using System.Text;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Locations;
using SensorStream.StreamProcessors.Runtime;
using SensorStream.StreamProcessors.Windows;

namespace SensorStream.StreamProcessors.Rollup;

/// <summary>
/// One partition of the rollup topic, where each environment partition sends, per window of every ancestor of its
/// sensors, one partial combining those sensors, keyed by the ancestor (so all sensors of a location, floor, building
/// or factory meet in one partition whatever partitions the sensors came from). A window of an entity is emitted as soon as every sensor the location tree lists under it has
/// reported, or — for sensors that dropped out — once every source partition's watermark has passed its end
/// (<see cref="SourceWatermarks"/>). A sensor result arriving after that updates and re-emits it. The entity's
/// status is the worst status among its sensors; transitions go to <c>status.changes</c>.
/// </summary>
internal sealed class RollupPartitionProcessor : PartitionProcessor<WindowAggregate>
{
    private readonly Dictionary<RollupKey, RollupWindow> _windows = [];
    private readonly PriorityQueue<RollupKey, (long Deadline, long Sequence)> _deadlines = new();
    private readonly Dictionary<(string Entity, string Metric), StatusLevel> _lastStatus = [];
    private readonly DroppedRanges _dropped = new();
    private readonly WindowsByAge<TimeSpan> _byAge = new();
    private readonly IReadOnlyDictionary<string, int> _expected;
    private readonly SourceWatermarks _sources;
    private readonly TimeSpan _statusWindow;
    private readonly TimeSpan _retention;
    private long _sequence;

    public RollupPartitionProcessor(ProcessorContext context, ProcessingOptions options, LocationTree tree, int sourcePartitions) : base(context)
    {
        _expected = ExpectedSensors(tree);
        var windowing = options.Environment.Windowing;
        _sources = new SourceWatermarks(sourcePartitions);
        _statusWindow = WindowSpec.Parse(options.Environment.Windows[0]).Size;
        _retention = windowing.AllowedLateness + windowing.LateRetention;
    }

    protected override long SafeCommitOffset(long next)
    {
        var oldest = Math.Min(next, _byAge.OldestFirstOffset() ?? long.MaxValue);
        return _dropped.Adjust(Math.Min(oldest, _sources.OldestOffset ?? long.MaxValue));
    }

    protected override string? Validate(WindowAggregate value) =>
        value.Count <= 0 || value.WindowEnd <= value.WindowStart || string.IsNullOrEmpty(value.EntityId) ? "not a window partial" : null;

    protected override void Handle(SourceRecord record, WindowAggregate partial, Action<OutputRecord> emit)
    {
        var source = Header(record, RollupHeaders.Source);
        if (source is null || string.IsNullOrEmpty(partial.EntityType)
            || !long.TryParse(Header(record, RollupHeaders.SourceWatermark), CultureInfo.InvariantCulture, out var sourceWatermark)
            || !int.TryParse(Header(record, RollupHeaders.Sensors), CultureInfo.InvariantCulture, out var sensors) || sensors <= 0)
        {
            DeadLetter(record, "InvalidValue", "rollup partial without its entity type, source, source-watermark and sensors headers", emit);
            return;
        }
        var key = new RollupKey(partial.EntityId, partial.EntityType, partial.Metric, partial.WindowStart, partial.WindowEnd);
        if (!_windows.TryGetValue(key, out var window))
        {
            if (_sources.Current >= partial.WindowEnd + _retention)
            {
                return; // the entity's window is long gone; the sensors' own results still stand on metrics.windows
            }
            _windows[key] = window = new RollupWindow(_expected.GetValueOrDefault(partial.EntityId));
            _byAge.Opened(key.End - key.Start, window);
            _deadlines.Enqueue(key, (partial.WindowEnd.UtcTicks, _sequence++));
        }
        if (window.Add(source, partial, sensors, record.Offset) && (window.Emitted || window.IsComplete))
        {
            Emit(key, window, emit);
        }
        _sources.Observe(source, new DateTimeOffset(sourceWatermark, TimeSpan.Zero), record.Offset);
        Advance(_sources.Current, emit);
    }

    // A heartbeat: a null value with the source and its watermark (see EnvironmentPartitionProcessor).
    protected override bool HandleControl(SourceRecord record, Action<OutputRecord> emit)
    {
        if (record.Value is not null || Header(record, RollupHeaders.Source) is not { } source)
        {
            return false;
        }
        var watermark = Header(record, RollupHeaders.SourceWatermark);
        if (watermark == RollupHeaders.NoData)
        {
            _sources.Observe(source, null, record.Offset);
        }
        else if (long.TryParse(watermark, CultureInfo.InvariantCulture, out var ticks))
        {
            _sources.Observe(source, new DateTimeOffset(ticks, TimeSpan.Zero), record.Offset);
        }
        else
        {
            DeadLetter(record, "InvalidValue", $"rollup heartbeat with source-watermark '{watermark}'", emit);
            return true;
        }
        Advance(_sources.Current, emit);
        return true;
    }

    // Windows close on the sources' watermarks only (heartbeats carry idle sources forward), never on this clock.
    protected override void OnTick(DateTimeOffset now, Action<OutputRecord> emit)
    {
    }

    private void Advance(DateTimeOffset watermark, Action<OutputRecord> emit)
    {
        while (_deadlines.TryPeek(out var key, out var due) && due.Deadline <= watermark.UtcTicks)
        {
            _deadlines.Dequeue();
            var window = _windows[key];
            if (!window.Emitted)
            {
                // Not every sensor reported in time (a dropout): emit what there is.
                Emit(key, window, emit);
                _deadlines.Enqueue(key, ((key.End + _retention).UtcTicks, _sequence++));
            }
            else if (key.End + _retention <= watermark)
            {
                _windows.Remove(key);
                window.Dropped = true;
                _dropped.Add(window.FirstOffset, window.LastOffset);
            }
            else
            {
                _deadlines.Enqueue(key, ((key.End + _retention).UtcTicks, _sequence++));
            }
        }
    }

    private void Emit(RollupKey key, RollupWindow window, Action<OutputRecord> emit)
    {
        var aggregate = window.Combine(key);
        var firstEmission = !window.Emitted;
        window.Emitted = true;
        emit(Context.Codec.Output(Topics.MetricsWindows, key.Entity, aggregate, key.End));
        if (firstEmission && key.End - key.Start == _statusWindow && aggregate.Status != StatusLevel.Unknown)
        {
            var statusKey = (key.Entity, key.Metric);
            var previous = _lastStatus.GetValueOrDefault(statusKey, StatusLevel.Unknown);
            if (previous != aggregate.Status)
            {
                _lastStatus[statusKey] = aggregate.Status;
                var value = aggregate.Status == StatusLevel.Normal ? aggregate.Avg : aggregate.Max;
                var change = new StatusChange(key.Entity, key.EntityType, key.Metric, key.End, previous == StatusLevel.Unknown ? null : previous, aggregate.Status, value, null);
                emit(Context.Codec.Output(Topics.StatusChanges, key.Entity, change, key.End));
            }
        }
    }

    private static string? Header(SourceRecord record, string name) =>
        record.Headers is { } headers && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>How many sensors the tree lists under each location, floor, building and factory.</summary>
    private static Dictionary<string, int> ExpectedSensors(LocationTree tree)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sensor in tree.Sensors)
        {
            foreach (var ancestor in new[] { sensor.LocId, sensor.FloorId, sensor.BuildingId, sensor.Factory })
            {
                counts[ancestor] = counts.GetValueOrDefault(ancestor) + 1;
            }
        }
        return counts;
    }
}
