using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Faults;

/// <summary>
/// The finite samples of one sensor's window laid end to end in a reusable buffer, with the runs in which they were
/// contiguous in time. A run ends where the next block does not start one sample period after the previous block's
/// last sample (a missing block, or an overlap), and around every NaN or infinite sample, which is dropped: a spectrum
/// taken across such a seam would see the seam, not the machine. Not thread-safe.
/// </summary>
internal sealed class WindowSamples
{
    private readonly List<SampleRun> _runs = [];
    private float[] _buffer = [];

    /// <summary>Finite samples in time order, g.</summary>
    public ReadOnlySpan<float> Samples => _buffer.AsSpan(0, Count);

    /// <summary>The contiguous runs of <see cref="Samples"/>.</summary>
    public IReadOnlyList<SampleRun> Runs => _runs;

    /// <summary>Number of finite samples.</summary>
    public int Count { get; private set; }

    /// <summary>Blocks that contributed (a repeated block, same start time as the one before, is skipped).</summary>
    public int BlockCount { get; private set; }

    /// <summary>NaN or infinite samples dropped.</summary>
    public int ExcludedCount { get; private set; }

    /// <summary>The window's sample rate, Hz.</summary>
    public double SampleRateHz { get; private set; }

    /// <summary>Mean of the blocks' reported shaft speeds (finite, positive), rpm; null when no block reports one.</summary>
    public double? ReportedShaftSpeedRpm { get; private set; }

    /// <summary>Replaces the contents with <paramref name="blocks"/>, which must come from one sensor at one sample rate.</summary>
    /// <exception cref="ArgumentException">No blocks, a null block, blocks of several sensors or several sample rates, or a sample rate that is not a positive number.</exception>
    public void Load(IReadOnlyList<VibrationBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count == 0)
        {
            throw new ArgumentException("a window needs at least one vibration block", nameof(blocks));
        }
        var ordered = Validate(blocks);
        _runs.Clear();
        Count = 0;
        BlockCount = 0;
        ExcludedCount = 0;
        SampleRateHz = ordered[0].SampleRateHz;
        EnsureCapacity(ordered.Sum(b => b.Samples.Length));

        var samplePeriodTicks = TimeSpan.TicksPerSecond / SampleRateHz;
        var speedSum = 0.0;
        var speedCount = 0;
        double expectedStartTicks = double.NaN;
        DateTimeOffset? previousStart = null;
        var runStart = 0;
        foreach (var block in ordered)
        {
            if (block.EventTime == previousStart)
            {
                continue;
            }
            previousStart = block.EventTime;
            BlockCount++;
            if (block.ShaftSpeedRpm is { } rpm && double.IsFinite(rpm) && rpm > 0)
            {
                speedSum += rpm;
                speedCount++;
            }
            var startTicks = (double)block.EventTime.UtcTicks;
            if (Math.Abs(startTicks - expectedStartTicks) > samplePeriodTicks / 2 || double.IsNaN(expectedStartTicks))
            {
                runStart = CloseRun(runStart);
            }
            foreach (var sample in block.Samples)
            {
                if (float.IsFinite(sample))
                {
                    _buffer[Count++] = sample;
                }
                else
                {
                    ExcludedCount++;
                    runStart = CloseRun(runStart);
                }
            }
            expectedStartTicks = startTicks + (block.Samples.Length * samplePeriodTicks);
        }
        CloseRun(runStart);
        ReportedShaftSpeedRpm = speedCount == 0 ? null : speedSum / speedCount;
    }

    /// <summary>Records the run from <paramref name="runStart"/> to the current end, if any, and returns where the next one starts.</summary>
    private int CloseRun(int runStart)
    {
        if (Count > runStart)
        {
            _runs.Add(new SampleRun(runStart, Count - runStart));
        }
        return Count;
    }

    /// <summary>Checks the blocks belong together and returns them in event-time order (a copy only when they were not).</summary>
    private static IReadOnlyList<VibrationBlock> Validate(IReadOnlyList<VibrationBlock> blocks)
    {
        var first = blocks[0] ?? throw new ArgumentException("block 0 is null", nameof(blocks));
        if (!double.IsFinite(first.SampleRateHz) || first.SampleRateHz <= 0)
        {
            throw new ArgumentException($"block 0 ({first.MachineId}/{first.SensorId} at {first.EventTime:O}) has sample rate {first.SampleRateHz} Hz; it must be a positive number", nameof(blocks));
        }
        var sorted = true;
        for (var i = 1; i < blocks.Count; i++)
        {
            var block = blocks[i] ?? throw new ArgumentException($"block {i} is null", nameof(blocks));
            if (block.SampleRateHz != first.SampleRateHz)
            {
                throw new ArgumentException(
                    $"a window must have one sample rate: block 0 ({first.EventTime:O}) is at {first.SampleRateHz} Hz but block {i} ({block.EventTime:O}) is at {block.SampleRateHz} Hz; split the window where the rate changes",
                    nameof(blocks));
            }
            if (!string.Equals(block.MachineId, first.MachineId, StringComparison.Ordinal) || !string.Equals(block.SensorId, first.SensorId, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"a window must hold one sensor's blocks: block 0 is {first.MachineId}/{first.SensorId} but block {i} is {block.MachineId}/{block.SensorId}", nameof(blocks));
            }
            sorted &= block.EventTime >= blocks[i - 1].EventTime;
        }
        return sorted ? blocks : [.. blocks.OrderBy(b => b.EventTime)];
    }

    private void EnsureCapacity(int samples)
    {
        if (_buffer.Length < samples)
        {
            _buffer = new float[Math.Max(samples, _buffer.Length * 2)];
        }
    }
}
