using SensorStream.StreamProcessors.Windows;

namespace SensorStream.Tests.StreamProcessors.Windows;

public sealed class WindowsByAgeTests
{
    private sealed class Window(long firstOffset) : IReplayedWindow
    {
        public long FirstOffset { get; } = firstOffset;

        public bool Dropped { get; set; }
    }

    [Fact]
    public void OldestFirstOffset_IsTheMinimumOverLiveWindowsOfEverySize()
    {
        var byAge = new WindowsByAge<string>();
        Assert.Null(byAge.OldestFirstOffset());
        var hour = new Window(5);
        var minutes = Enumerable.Range(0, 3).Select(i => new Window(10 + i)).ToList();
        byAge.Opened("1h", hour);
        minutes.ForEach(m => byAge.Opened("1m", m));

        Assert.Equal(5, byAge.OldestFirstOffset());
        hour.Dropped = true;
        Assert.Equal(10, byAge.OldestFirstOffset());
        minutes[0].Dropped = true;
        minutes[2].Dropped = true; // dropped out of order: still needed behind the live one
        Assert.Equal(11, byAge.OldestFirstOffset());
        minutes[1].Dropped = true;
        Assert.Null(byAge.OldestFirstOffset());
    }

    [Fact]
    public void ALongWindowAtTheFront_DoesNotPinShortWindowsBehindIt()
    {
        var byAge = new WindowsByAge<string>();
        var hour = new Window(0);
        byAge.Opened("1h", hour);
        var weak = new List<WeakReference>();
        for (var i = 1; i <= 1_000; i++)
        {
            var minute = new Window(i);
            byAge.Opened("1m", minute);
            minute.Dropped = true;
            weak.Add(new WeakReference(minute));
            Assert.Equal(0, byAge.OldestFirstOffset());
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // (A shared queue would hold all 1 000 behind the hour; the JIT may keep the last local alive.)
        Assert.True(weak.Count(w => w.IsAlive) <= 1, $"{weak.Count(w => w.IsAlive)} dropped windows still referenced");
        GC.KeepAlive(hour);
    }
}
