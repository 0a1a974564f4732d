using SensorStream.StreamProcessors.Anomalies;

namespace SensorStream.Tests.StreamProcessors.Anomalies;

public sealed class EwmaDetectorTests
{
    private static readonly EwmaOptions Options = new() { Alpha = 0.1, WarmUp = 20, Threshold = 4, MinimumStandardDeviation = 0.01 };

    [Fact]
    public void ZScore_IsAgainstTheExponentiallyWeightedMeanAndVarianceBeforeTheValue()
    {
        var random = new Random(3);
        var values = Enumerable.Range(0, 200).Select(_ => 20 + (random.NextDouble() * 2)).ToArray();
        var detector = new EwmaDetector(Options);
        // Reference: the textbook recursions, written out independently.
        double mean = values[0], variance = 0;
        detector.Observe(values[0]);
        foreach (var value in values.Skip(1))
        {
            var sd = Math.Max(Math.Sqrt(variance), Options.MinimumStandardDeviation);
            var (z, expected, standardDeviation, isAnomaly) = detector.Observe(value);
            Assert.Equal((value - mean) / sd, z, 9);
            Assert.Equal(mean, expected, 9);
            Assert.Equal(sd, standardDeviation, 9);
            Assert.False(isAnomaly, $"uniform noise flagged at z {z:F2}");
            var delta = value - mean;
            mean += Options.Alpha * delta;
            variance = (1 - Options.Alpha) * (variance + (Options.Alpha * delta * delta));
        }
        Assert.Equal(200, detector.Count);
    }

    [Fact]
    public void ASpike_IsFlaggedAfterWarmUp_ButNotDuringIt()
    {
        var early = new EwmaDetector(Options);
        for (var i = 0; i < 10; i++)
        {
            early.Observe(20 + (0.1 * (i % 2)));
        }
        Assert.False(early.Observe(40).IsAnomaly); // 11 values seen: still warming up

        var warm = Warmed();
        var (z, expected, _, isAnomaly) = warm.Observe(40);
        Assert.True(isAnomaly);
        Assert.True(z > Options.Threshold);
        Assert.InRange(expected, 19.9, 20.2);
        Assert.False(warm.Observe(20.05).IsAnomaly); // back to normal is not an anomaly
    }

    [Fact]
    public void AFlaggedValue_EntersClipped_SoASecondSpikeIsStillCaught()
    {
        var detector = Warmed();
        Assert.True(detector.Observe(60).IsAnomaly);
        var (z, _, _, isAnomaly) = detector.Observe(60);
        Assert.True(isAnomaly, $"the second spike scored only z {z:F2}: the first dragged the baseline along");
    }

    [Fact]
    public void AFlatSignal_UsesTheMinimumStandardDeviation_AndIgnoresTinyWobbles()
    {
        var detector = new EwmaDetector(Options);
        for (var i = 0; i < 50; i++)
        {
            detector.Observe(21.0);
        }
        var wobble = detector.Observe(21.03);
        Assert.Equal(Options.MinimumStandardDeviation, wobble.StandardDeviation);
        Assert.False(wobble.IsAnomaly);
        Assert.True(detector.Observe(22).IsAnomaly);
    }

    private static EwmaDetector Warmed()
    {
        var detector = new EwmaDetector(Options);
        for (var i = 0; i < 60; i++)
        {
            detector.Observe(20 + (0.1 * (i % 3)));
        }
        return detector;
    }
}
