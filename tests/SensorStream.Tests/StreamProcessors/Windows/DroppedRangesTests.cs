using SensorStream.StreamProcessors.Windows;

namespace SensorStream.Tests.StreamProcessors.Windows;

/// <summary>Commit points never land inside a forgotten window's offsets: the merged ranges against a brute force.</summary>
public sealed class DroppedRangesTests
{
    /// <summary>The definition: move back to a range's first offset while the point is strictly inside any range.</summary>
    private static long Reference(List<(long First, long Last)> ranges, long candidate)
    {
        var point = candidate;
        bool moved;
        do
        {
            moved = false;
            foreach (var (first, last) in ranges.Where(r => r.First < point && point <= r.Last))
            {
                point = first;
                moved = true;
            }
        }
        while (moved);
        return point;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Adjust_MatchesTheDefinition_OnRandomOverlappingRangesAndRisingCommitPoints(int seed)
    {
        var random = new Random(seed);
        var ranges = new DroppedRanges();
        var all = new List<(long, long)>();
        long candidate = 0, point = 0;
        for (var step = 0; step < 3_000; step++)
        {
            if (random.Next(3) > 0)
            {
                // A window is forgotten after it was live, so its first offset is never before an earlier commit point.
                var first = point + random.Next(0, (int)(candidate - point) + 200);
                var last = first + random.Next(0, 60);
                ranges.Add(first, last);
                if (last > first)
                {
                    all.Add((first, last));
                }
            }
            candidate += random.Next(0, 8);
            point = ranges.Adjust(candidate);
            Assert.Equal(Reference(all, candidate), point);
        }
    }

    [Fact]
    public void TouchingAndOverlappingRanges_MergeIntoOne()
    {
        var ranges = new DroppedRanges();
        ranges.Add(10, 20);
        ranges.Add(20, 30); // touching: a point at 20 moves to 10 anyway
        ranges.Add(25, 40);
        ranges.Add(50, 60);
        Assert.Equal(2, ranges.Count);
        Assert.Equal(10, ranges.Adjust(35));
        Assert.Equal(10, ranges.Adjust(10 + 1));
        Assert.Equal(45, ranges.Adjust(45));
        Assert.Equal(1, ranges.Count); // (10, 40] lies wholly before 45
    }
}
