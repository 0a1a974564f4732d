using SensorStream.Contracts.Events;
using SensorStream.StreamProcessors.Windows;

namespace SensorStream.StreamProcessors.Vibration;

/// <summary>
/// The blocks of each open vibration window, kept so the window can be diagnosed (a spectrum needs the samples, not
/// just a summary). A window takes blocks under the same rule as <see cref="WindowedAggregator"/> — until the
/// watermark passes its end plus the allowed lateness — and its blocks are released at that point, since nothing can
/// change them any more. Memory is therefore bounded by (window + allowed lateness) × sample rate per sensor.
/// </summary>
internal sealed class WindowBlocks(WindowSpec spec, WindowingOptions options)
{
    private readonly Dictionary<(string Entity, long StartTicks), Buffer> _buffers = [];

    /// <summary>Windows whose blocks are kept.</summary>
    public int Count => _buffers.Count;

    /// <summary>Adds <paramref name="block"/> to every window of <paramref name="entity"/> that contains it and still accepts data.</summary>
    public void Add(string entity, VibrationBlock block, DateTimeOffset watermark)
    {
        foreach (var startTicks in spec.StartsContaining(block.EventTime))
        {
            if (watermark >= AcceptsUntil(startTicks))
            {
                continue;
            }
            if (!_buffers.TryGetValue((entity, startTicks), out var buffer))
            {
                _buffers[(entity, startTicks)] = buffer = new Buffer();
            }
            buffer.Blocks.Add(block);
            buffer.Changed = true;
        }
    }

    /// <summary>
    /// The blocks of a window if they changed since the last call for it (so a diagnosis is re-computed only when its
    /// input did), otherwise null.
    /// </summary>
    public IReadOnlyList<VibrationBlock>? TakeChanged(string entity, DateTimeOffset start)
    {
        if (!_buffers.TryGetValue((entity, start.UtcTicks), out var buffer) || !buffer.Changed)
        {
            return null;
        }
        buffer.Changed = false;
        return buffer.Blocks;
    }

    /// <summary>Forgets windows that no longer accept blocks at <paramref name="watermark"/>.</summary>
    public void Release(DateTimeOffset watermark)
    {
        foreach (var key in _buffers.Keys.Where(k => watermark >= AcceptsUntil(k.StartTicks)).ToList())
        {
            _buffers.Remove(key);
        }
    }

    private DateTimeOffset AcceptsUntil(long startTicks) => new DateTimeOffset(startTicks, TimeSpan.Zero) + spec.Size + options.AllowedLateness;

    private sealed class Buffer
    {
        public List<VibrationBlock> Blocks { get; } = [];

        public bool Changed { get; set; }
    }
}
