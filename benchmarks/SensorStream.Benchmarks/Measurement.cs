using System.Diagnostics;

namespace SensorStream.Benchmarks;

/// <summary>
/// Times an operation with a Stopwatch over many iterations after a warm-up (so tiered JIT has settled), and counts the
/// bytes it allocates on this thread. Reports the median of several runs, which shrugs off a noisy neighbour better than
/// the mean.
/// </summary>
public static class Measurement
{
    /// <summary>Nanoseconds and allocated bytes per call of <paramref name="operation"/>.</summary>
    public static (double NanosecondsPerOp, double BytesPerOp) Run(Action operation, TimeSpan runTime, int runs = 5)
    {
        // Warm up long enough for tier-1 code with dynamic PGO.
        var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2;
        var calibration = 0;
        while (Stopwatch.GetTimestamp() < warmUntil)
        {
            operation();
            calibration++;
        }
        var iterations = Math.Max(1000, (int)(calibration * 2 * runTime.TotalSeconds));
        var times = new double[runs];
        var bytes = new double[runs];
        for (var run = 0; run < runs; run++)
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < iterations; i++)
            {
                operation();
            }
            var elapsed = Stopwatch.GetElapsedTime(start);
            bytes[run] = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)iterations;
            times[run] = elapsed.TotalNanoseconds / iterations;
        }
        Array.Sort(times);
        Array.Sort(bytes);
        return (times[runs / 2], bytes[runs / 2]);
    }
}
