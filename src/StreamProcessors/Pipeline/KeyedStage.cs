using System.Collections.Concurrent;
using System.Threading.Channels;

namespace SensorStream.StreamProcessors.Pipeline;

/// <summary>
/// A keyed stage: items are routed by key to lanes, each a bounded channel drained by its own task running one
/// <see cref="ILaneProcessor{TIn, TOut}"/>. Per key, items are processed one at a time in arrival order; different
/// keys proceed in parallel. Lanes are created on first use and removed explicitly (a revoked Kafka partition), in
/// which case everything already queued is processed first. Backpressure: writers wait while a lane is full, and a
/// lane waits while the bounded <c>output</c> channel is full — so a slow sink slows the source and memory stays bounded.
/// An item (or tick) whose processing throws is a bug, not bad input (bad input is dead-lettered inside the processor):
/// it is reported to <c>onError</c> once and the lane stops processing — its partial outputs are dropped and every later
/// item is skipped unprocessed, so nothing after the failure can be committed and a restart replays from before it.
/// </summary>
public sealed class KeyedStage<TKey, TIn, TOut> : IAsyncDisposable where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lane> _lanes = new();
    private readonly Func<TKey, ILaneProcessor<TIn, TOut>> _createProcessor;
    private readonly ChannelWriter<TOut> _output;
    private readonly Action<LaneError<TKey, TIn>> _onError;
    private readonly StageOptions _options;

    /// <summary>Creates an empty stage.</summary>
    public KeyedStage(Func<TKey, ILaneProcessor<TIn, TOut>> createProcessor, ChannelWriter<TOut> output, Action<LaneError<TKey, TIn>> onError, StageOptions? options = null)
    {
        _createProcessor = createProcessor;
        _output = output;
        _onError = onError;
        _options = options ?? new StageOptions();
    }

    /// <summary>Keys with an open lane.</summary>
    public IReadOnlyCollection<TKey> Keys => [.. _lanes.Keys];

    /// <summary>The processor of a key's lane, for reading its progress (e.g. the offset it can commit).</summary>
    public ILaneProcessor<TIn, TOut>? Processor(TKey key) => _lanes.TryGetValue(key, out var lane) ? lane.Processor : null;

    /// <summary>Opens <paramref name="key"/>'s lane if it has none (so it gets ticks before any item arrives).</summary>
    public void EnsureLane(TKey key) => _lanes.GetOrAdd(key, k => new Lane(this, k));

    /// <summary>Queues <paramref name="item"/> on <paramref name="key"/>'s lane, waiting while the lane is full.</summary>
    public ValueTask WriteAsync(TKey key, TIn item, CancellationToken cancellationToken) =>
        _lanes.GetOrAdd(key, k => new Lane(this, k)).Input.WriteAsync(new LaneMessage(item, default), cancellationToken);

    /// <summary>Gives every lane a <see cref="ILaneProcessor{TIn, TOut}.Tick"/> with <paramref name="now"/>, in order with its items.</summary>
    public async ValueTask TickAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var key in _lanes.Keys)
        {
            await TickAsync(key, now, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gives one key's lane a tick (nothing if it has no lane).</summary>
    public async ValueTask TickAsync(TKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_lanes.TryGetValue(key, out var lane))
        {
            await lane.Input.WriteAsync(new LaneMessage(default, now), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes a key's lane after its queued items are processed; returns its processor (or null if there was none).</summary>
    public async Task<ILaneProcessor<TIn, TOut>?> RemoveLaneAsync(TKey key)
    {
        if (!_lanes.TryRemove(key, out var lane))
        {
            return null;
        }
        lane.Input.TryComplete();
        await lane.Completion.ConfigureAwait(false);
        return lane.Processor;
    }

    /// <summary>Waits until every item queued so far has been processed and its outputs handed to the output channel.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        var barriers = _lanes.Values.Select(lane =>
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return (lane, reached);
        }).ToList();
        foreach (var (lane, reached) in barriers)
        {
            await lane.Input.WriteAsync(new LaneMessage(default, null, reached), cancellationToken).ConfigureAwait(false);
        }
        await Task.WhenAll(barriers.Select(b => b.reached.Task)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes every lane after its queued items.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var key in _lanes.Keys)
        {
            await RemoveLaneAsync(key).ConfigureAwait(false);
        }
    }

    private readonly record struct LaneMessage(TIn? Item, DateTimeOffset? Tick, TaskCompletionSource? Barrier = null);

    private sealed class Lane
    {
        private readonly Channel<LaneMessage> _channel;
        private readonly KeyedStage<TKey, TIn, TOut> _stage;
        private readonly TKey _key;
        private readonly List<TOut> _emitted = [];
        private bool _faulted;

        public Lane(KeyedStage<TKey, TIn, TOut> stage, TKey key)
        {
            _stage = stage;
            _key = key;
            _channel = Channel.CreateBounded<LaneMessage>(new BoundedChannelOptions(stage._options.LaneCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
            Processor = stage._createProcessor(key);
            Completion = Task.Run(RunAsync);
        }

        public ILaneProcessor<TIn, TOut> Processor { get; }

        public ChannelWriter<LaneMessage> Input => _channel.Writer;

        public Task Completion { get; }

        private async Task RunAsync()
        {
            void Emit(TOut output) => _emitted.Add(output);
            await foreach (var message in _channel.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                if (message.Barrier is { } barrier)
                {
                    barrier.TrySetResult();
                    continue;
                }
                if (_faulted)
                {
                    // Still read, so writers never wait on a lane that will not process again.
                    continue;
                }
                try
                {
                    if (message.Tick is { } now)
                    {
                        Processor.Tick(now, Emit);
                    }
                    else
                    {
                        Processor.Process(message.Item!, Emit);
                    }
                }
                catch (Exception e)
                {
                    // Deliberately broad: whatever a processor throws stops its lane; the owner decides what it means.
                    _faulted = true;
                    _emitted.Clear();
                    _stage._onError(new LaneError<TKey, TIn>(_key, message.Item, e));
                    continue;
                }
                await FlushAsync().ConfigureAwait(false);
                Processor.OutputsHandedOver();
            }
            if (_faulted)
            {
                return;
            }
            Processor.Complete(Emit);
            await FlushAsync().ConfigureAwait(false);
            Processor.OutputsHandedOver();
        }

        private async Task FlushAsync()
        {
            foreach (var output in _emitted)
            {
                await _stage._output.WriteAsync(output).ConfigureAwait(false);
            }
            _emitted.Clear();
        }
    }
}
