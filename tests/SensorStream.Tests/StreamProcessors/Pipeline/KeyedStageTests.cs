using System.Collections.Concurrent;
using System.Threading.Channels;
using SensorStream.StreamProcessors.Pipeline;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.StreamProcessors.Pipeline;

public sealed class KeyedStageTests
{
    /// <summary>Appends each item to a running per-lane list and emits (key, item, position).</summary>
    private sealed class RecordingLane(string key) : ILaneProcessor<int, (string Key, int Item, int Position)>
    {
        private int _position;

        public bool Completed { get; private set; }

        public List<DateTimeOffset> Ticks { get; } = [];

        public void Process(int item, Action<(string Key, int Item, int Position)> emit)
        {
            if (item < 0)
            {
                throw new InvalidDataException($"negative item {item}");
            }
            emit((key, item, _position++));
        }

        public void Tick(DateTimeOffset now, Action<(string Key, int Item, int Position)> emit) => Ticks.Add(now);

        public void Complete(Action<(string Key, int Item, int Position)> emit)
        {
            Completed = true;
            emit((key, -1, _position));
        }
    }

    private static (KeyedStage<string, int, (string Key, int Item, int Position)> Stage, Channel<(string Key, int Item, int Position)> Output, ConcurrentBag<LaneError<string, int>> Errors)
        Create(int laneCapacity = 1024, int outputCapacity = 100_000)
    {
        var output = Channel.CreateBounded<(string, int, int)>(outputCapacity);
        var errors = new ConcurrentBag<LaneError<string, int>>();
        var stage = new KeyedStage<string, int, (string, int, int)>(k => new RecordingLane(k), output.Writer, errors.Add, new StageOptions { LaneCapacity = laneCapacity });
        return (stage, output, errors);
    }

    [Fact]
    public async Task ItemsOfOneKey_AreProcessedInOrder_WhileKeysRunInParallel()
    {
        var (stage, output, _) = Create();
        var cancel = TestContext.Current.CancellationToken;
        for (var i = 0; i < 10_000; i++)
        {
            await stage.WriteAsync($"k{i % 7}", i, cancel);
        }
        await stage.DrainAsync(cancel).DefaultTimeout();
        output.Writer.Complete();

        var results = new List<(string Key, int Item, int Position)>();
        await foreach (var result in output.Reader.ReadAllAsync(cancel))
        {
            results.Add(result);
        }
        Assert.Equal(10_000, results.Count);
        foreach (var group in results.GroupBy(r => r.Key))
        {
            Assert.Equal(group.Select(r => r.Item).Order(), group.Select(r => r.Item));
            Assert.Equal(Enumerable.Range(0, group.Count()), group.Select(r => r.Position));
        }
        Assert.Equal(7, stage.Keys.Count);
    }

    [Fact]
    public async Task ASlowSink_HoldsTheWriterBack_SoQueuesStayBounded()
    {
        var (stage, output, _) = Create(laneCapacity: 4, outputCapacity: 4);
        var cancel = TestContext.Current.CancellationToken;
        var written = 0;
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                await stage.WriteAsync("only", i, cancel);
                Interlocked.Increment(ref written);
            }
        }, cancel);

        await Task.Delay(300, cancel);
        // Nothing reads the output: at most 4 queued in the lane, 4 in the output, 1 in flight in the lane.
        Assert.InRange(Volatile.Read(ref written), 4, 12);
        Assert.False(writer.IsCompleted);

        var read = 0;
        while (read < 1_000)
        {
            await output.Reader.ReadAsync(cancel).AsTask().DefaultTimeout();
            read++;
        }
        await writer.DefaultTimeout();
        Assert.Equal(1_000, written);
    }

    [Fact]
    public async Task AnItemThatThrows_IsReportedOnce_AndItsLaneProcessesNothingMore_WhileOtherLanesGoOn()
    {
        var (stage, output, errors) = Create();
        var cancel = TestContext.Current.CancellationToken;

        await stage.WriteAsync("k", 1, cancel);
        await stage.WriteAsync("k", -5, cancel);
        await stage.WriteAsync("k", 2, cancel);
        await stage.WriteAsync("k", -6, cancel);
        await stage.WriteAsync("other", 7, cancel);
        await stage.DrainAsync(cancel).DefaultTimeout();

        var error = Assert.Single(errors);
        Assert.Equal(("k", -5), (error.Key, error.Item));
        Assert.IsType<InvalidDataException>(error.Exception);
        var results = new List<(string Key, int Item, int Position)>();
        while (output.Reader.TryRead(out var result))
        {
            results.Add(result);
        }
        // Nothing of "k" after the failure (a bug must not let later records through to be committed past it).
        Assert.Equal([("k", 1, 0), ("other", 7, 0)], results.OrderBy(r => r.Key, StringComparer.Ordinal).ToList());
        var failed = (RecordingLane?)await stage.RemoveLaneAsync("k").DefaultTimeout();
        Assert.False(failed!.Completed);
    }

    [Fact]
    public async Task RemovingALane_ProcessesWhatIsQueued_ThenCompletesItsProcessor()
    {
        var (stage, output, _) = Create();
        var cancel = TestContext.Current.CancellationToken;
        for (var i = 0; i < 50; i++)
        {
            await stage.WriteAsync("gone", i, cancel);
        }

        var processor = (RecordingLane?)await stage.RemoveLaneAsync("gone").DefaultTimeout();

        Assert.True(processor!.Completed);
        Assert.Empty(stage.Keys);
        output.Writer.Complete();
        var results = new List<(string Key, int Item, int Position)>();
        await foreach (var result in output.Reader.ReadAllAsync(cancel))
        {
            results.Add(result);
        }
        Assert.Equal(51, results.Count);
        Assert.Equal((-1, 50), (results[^1].Item, results[^1].Position));
        Assert.Null(await stage.RemoveLaneAsync("never-opened"));
    }

    [Fact]
    public async Task Ticks_ReachEveryLane_InOrderWithItems()
    {
        var (stage, _, _) = Create();
        var cancel = TestContext.Current.CancellationToken;
        await stage.WriteAsync("a", 1, cancel);
        await stage.WriteAsync("b", 1, cancel);
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        await stage.TickAsync(now, cancel);
        await stage.DrainAsync(cancel).DefaultTimeout();

        Assert.Equal([now], ((RecordingLane)stage.Processor("a")!).Ticks);
        Assert.Equal([now], ((RecordingLane)stage.Processor("b")!).Ticks);
        await stage.DisposeAsync();
        Assert.Empty(stage.Keys);
    }
}
