using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.StreamProcessors.Faults;
using SensorStream.StreamProcessors.Runtime;
using SensorStream.StreamProcessors.Thresholds;
using SensorStream.StreamProcessors.Windows;

namespace SensorStream.StreamProcessors.Vibration;

/// <summary>
/// One partition of <c>sensors.vibration</c>: per machine sensor (<c>g1/sensor1</c>) and event-time window (default
/// 10 s), the acceleration statistics with RMS and the RMS threshold status on <c>metrics.windows</c>, status
/// transitions on <c>status.changes</c>, and a fault diagnosis (features, class, confidence, drivers) on
/// <c>diagnoses.vibration</c>. A block counts in the window its event time falls in. A block arriving within the
/// allowed lateness re-emits both the window and its diagnosis; later ones go to <c>late.events</c>.
/// </summary>
internal sealed class VibrationPartitionProcessor : PartitionProcessor<VibrationBlock>
{
    /// <summary>Metric name of the windowed samples on <c>metrics.windows</c>.</summary>
    public const string AccelerationMetric = "acceleration_g";

    /// <summary>Metric the threshold status is evaluated on (the window's RMS).</summary>
    public const string RmsMetric = "rms_g";

    /// <summary>Sensor type whose thresholds apply.</summary>
    public const string SensorType = "vibration";

    // A DAQ samples at a few kHz; far beyond that (or a block this long) is a corrupt header, not a sensor.
    private const double MaxSampleRateHz = 1_000_000;
    private const double MaxShaftSpeedRpm = 100_000;

    private readonly ProcessingOptions _options;
    private readonly LiveThresholds _thresholds;
    private readonly WindowedAggregator _windows;
    private readonly WindowBlocks _blocks;
    private readonly Watermark _watermark;
    private readonly VibrationFeatureExtractor _extractor = new();
    private readonly VibrationFaultClassifier _classifier = new();
    private readonly Dictionary<string, StatusTracker> _status = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Machine, string Sensor)> _names = new(StringComparer.Ordinal);
    private readonly List<WindowResult> _results = [];

    public VibrationPartitionProcessor(ProcessorContext context, ProcessingOptions options, LiveThresholds thresholds)
        : base(context)
    {
        _options = options;
        _thresholds = thresholds;
        var spec = WindowSpec.Parse(options.Vibration.Window);
        _windows = new WindowedAggregator([spec], options.Vibration.Windowing);
        _blocks = new WindowBlocks(spec, options.Vibration.Windowing);
        _watermark = new Watermark(options.Vibration.Windowing);
    }

    /// <summary>Windows whose blocks are held for diagnosis (a memory gauge for tests and benchmarks).</summary>
    public int BufferedWindows => _blocks.Count;

    // As for environment windows: the record that set the watermark is replayed too, so the rebuilt watermark matches.
    protected override long SafeCommitOffset(long next) =>
        _windows.SafeCommitOffset(_watermark.MaxEventTimeOffset < 0 ? next : Math.Min(next, _watermark.MaxEventTimeOffset));

    protected override string? Validate(VibrationBlock value) =>
        string.IsNullOrWhiteSpace(value.MachineId) ? "machine_id is empty"
        : string.IsNullOrWhiteSpace(value.SensorId) ? "sensor_id is empty"
        : EventValidation.EventTimeProblem(value.EventTime, Context.Clock.GetUtcNow())
        ?? (value.SampleRateHz is > 0 and <= MaxSampleRateHz ? null : $"sample_rate_hz {value.SampleRateHz} is outside (0, {MaxSampleRateHz}]")
        ?? (value.ShaftSpeedRpm is { } rpm && !(rpm is > 0 and <= MaxShaftSpeedRpm) ? $"shaft_speed_rpm {rpm} is outside (0, {MaxShaftSpeedRpm}]" : null)
        ?? (value.Samples.Any(float.IsFinite) ? null : $"none of the block's {value.Samples.Length} samples is a finite number");

    protected override void Handle(SourceRecord record, VibrationBlock block, Action<OutputRecord> emit)
    {
        var entity = $"{block.MachineId}/{block.SensorId}";
        _names.TryAdd(entity, (block.MachineId, block.SensorId));
        var watermark = _watermark.Current;
        var (_, late) = _windows.Add(entity, AccelerationMetric, block.EventTime, FiniteSummary(block.Samples), record.Offset, watermark, _results);
        _blocks.Add(entity, block, watermark);
        if (late > 0)
        {
            Late(record, block.EventTime, watermark, late, emit);
        }
        _watermark.Observe(block.EventTime, record.Offset, Context.Clock.GetUtcNow());
        Advance(emit);
    }

    protected override void OnTick(DateTimeOffset now, Action<OutputRecord> emit)
    {
        if (_watermark.OnIdleCheck(now))
        {
            Advance(emit);
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
        _blocks.Release(watermark);
    }

    private void EmitWindow(WindowResult result, Action<OutputRecord> emit)
    {
        if (!_status.TryGetValue(result.Entity, out var tracker))
        {
            _status[result.Entity] = tracker = new StatusTracker(_options.Status);
        }
        var rms = result.Values.Rms;
        if (!result.IsUpdate
            && tracker.Observe(_thresholds.Current.Find(SensorType, RmsMetric), rms, rms, result.Start, result.End, result.Entity, SensorType, RmsMetric) is { } change)
        {
            emit(Context.Codec.Output(Topics.StatusChanges, result.Entity, change, change.EventTime));
        }
        var aggregate = new WindowAggregate(result.Entity, AccelerationMetric, result.Start, result.End, result.Values.Count, result.Values.Min,
            result.Values.Max, result.Values.Average, result.LateCount, EntityTypes.MachineSensor, rms, tracker.Level);
        emit(Context.Codec.Output(Topics.MetricsWindows, result.Entity, aggregate, result.End));
        if (_blocks.TakeChanged(result.Entity, result.Start) is { } blocks)
        {
            var diagnosis = Diagnose(_names[result.Entity], result, blocks);
            emit(Context.Codec.Output(Topics.DiagnosesVibration, result.Entity, diagnosis, result.End));
        }
    }

    private VibrationDiagnosis Diagnose((string Machine, string Sensor) name, WindowResult window, IReadOnlyList<VibrationBlock> blocks)
    {
        VibrationFeatures features;
        try
        {
            features = _extractor.Extract(blocks);
        }
        catch (ArgumentException e)
        {
            // Valid blocks that together allow no spectrum (mixed sample rates, only tiny runs of finite samples): say
            // so on the diagnosis rather than guess a class.
            Context.Logger.LogUndiagnosableWindow(window.Entity, window.Start, e.Message);
            var values = window.Values;
            return new VibrationDiagnosis(name.Machine, name.Sensor, window.Start, window.End, VibrationFault.Unknown, 0, values.Rms,
                Math.Max(Math.Abs(values.Min), Math.Abs(values.Max)), null, null, blocks.Count, Drivers: [$"no diagnosis: {e.Message}"]);
        }
        var classification = _classifier.Classify(features);
        var drivers = features.ShaftSpeedEstimated
            ? [.. classification.Drivers, $"shaft speed {features.ShaftSpeedRpm:0} rpm estimated from the spectrum (no tachometer)"]
            : classification.Drivers;
        return new VibrationDiagnosis(name.Machine, name.Sensor, window.Start, window.End, classification.Fault, classification.Confidence,
            features.RmsG, features.PeakG, features.DominantFrequencyHz, features.ShaftSpeedRpm, features.BlockCount,
            features.CrestFactor, features.Kurtosis, features.HalfOrderG, features.OneXG, features.TwoXG, features.ThreeXG, drivers);
    }

    // NaN/infinite samples are a DAQ's dropouts: they are left out of the statistics as they are out of the spectrum.
    private static ValueSummary FiniteSummary(float[] samples)
    {
        var summary = ValueSummary.Of(samples);
        if (double.IsFinite(summary.Sum) && double.IsFinite(summary.Min) && double.IsFinite(summary.Max))
        {
            return summary;
        }
        return ValueSummary.Of(samples.Where(float.IsFinite).ToArray());
    }
}
