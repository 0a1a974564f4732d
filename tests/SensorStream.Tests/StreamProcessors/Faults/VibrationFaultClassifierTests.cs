using SensorStream.Contracts.Events;
using SensorStream.StreamProcessors.Faults;

namespace SensorStream.Tests.StreamProcessors.Faults;

public sealed class VibrationFaultClassifierTests
{
    private const double ShaftHz = 25;
    private readonly VibrationFeatureExtractor _extractor = new();
    private readonly VibrationFaultClassifier _classifier = new();

    /// <summary>A machine at 1 500 rpm: 1x, a loose support's harmonics and half orders, impacts, noise.</summary>
    private FaultClassification Classify(double oneX, bool loose, int blocks = 100, double? rpm = ShaftHz * 60, double noiseG = 0.03)
    {
        double[] orders = [0.5, 1.5, 2.5, 2, 3, 4, 5, 6];
        double[] loosenessG = [0.15, 0.12, 0.08, 0.3, 0.25, 0.18, 0.13, 0.09];
        var noise = TestBlocks.Noise(noiseG, 1);
        double Signal(double t)
        {
            var x = noise(t) + (oneX * Math.Sin(2 * Math.PI * ShaftHz * t));
            if (loose)
            {
                x += orders.Zip(loosenessG).Sum(p => p.Second * Math.Sin((2 * Math.PI * p.First * ShaftHz * t) + p.First));
                var sinceImpact = t % (1 / ShaftHz);
                x += 2.5 * Math.Exp(-sinceImpact / 0.0015) * Math.Sin(2 * Math.PI * 900 * sinceImpact);
            }
            return x;
        }
        return _classifier.Classify(_extractor.Extract(TestBlocks.From(Signal, blocks, shaftSpeedRpm: rpm)));
    }

    [Fact]
    public void SmallOneX_AndNothingElse_IsNormal_WithHighConfidence()
    {
        var c = Classify(0.08, loose: false);

        Assert.Equal(VibrationFault.Normal, c.Fault);
        Assert.True(c.Confidence > 0.95, $"confidence {c.Confidence}");
    }

    [Fact]
    public void DominantOneX_IsMassUnbalance_DrivenByTheOneXAmplitude()
    {
        var c = Classify(0.7, loose: false);

        Assert.Equal(VibrationFault.MassUnbalance, c.Fault);
        Assert.StartsWith("1x = 0.70 g", c.Drivers[0], StringComparison.Ordinal);
        Assert.True(c.Confidence > 0.9, $"confidence {c.Confidence}");
    }

    [Fact]
    public void HarmonicsHalfOrdersAndImpacts_AreSupportLooseness_AndTheDriversSaySo()
    {
        var c = Classify(0.15, loose: true);

        Assert.Equal(VibrationFault.SupportLooseness, c.Fault);
        Assert.Contains(c.Drivers, d => d.StartsWith("sub-harmonics 0.5x/1.5x/2.5x = 0.15/0.12/0.080 g", StringComparison.Ordinal));
        Assert.Contains(c.Drivers, d => d.StartsWith("2x-6x harmonics = ", StringComparison.Ordinal));
        Assert.Contains(c.Drivers, d => d.StartsWith("kurtosis ", StringComparison.Ordinal));
    }

    [Fact]
    public void UnbalanceWithLooseness_IsBoth()
    {
        var c = Classify(0.7, loose: true);

        Assert.Equal(VibrationFault.UnbalanceAndLooseness, c.Fault);
        Assert.True(c.Confidence > 0.8, $"confidence {c.Confidence}");
    }

    [Fact]
    public void OneXRightAtTheUnbalanceThreshold_HasAtMostEvenOdds()
    {
        var c = Classify(VibrationFaultClassifier.UnbalanceOneXG, loose: false, noiseG: 0.001);

        Assert.InRange(c.Confidence, 0.3, 0.52);
    }

    [Theory]
    [InlineData(0.08, false, VibrationFault.Normal)]
    [InlineData(0.7, false, VibrationFault.MassUnbalance)]
    [InlineData(0.15, true, VibrationFault.SupportLooseness)]
    [InlineData(0.7, true, VibrationFault.UnbalanceAndLooseness)]
    public void WithoutTachometer_TheEstimatedSpeedGivesTheSameClass_AndIsNamedAsADriver(double oneX, bool loose, VibrationFault expected)
    {
        var c = Classify(oneX, loose, rpm: null);

        Assert.Equal(expected, c.Fault);
        Assert.Contains("running speed 1500 rpm estimated from the spectrum", c.Drivers);
    }

    [Theory]
    [InlineData(0.7, false, VibrationFault.MassUnbalance)]
    [InlineData(0.15, true, VibrationFault.SupportLooseness)]
    public void SingleBlock_TooCoarseForHalfOrders_IsJudgedWithoutThem(double oneX, bool loose, VibrationFault expected)
    {
        // 256 samples: 10 Hz bins, so 0.5x (12.5 Hz) is not two bins clear of 1x (25 Hz), and 1x leaks into it.
        var c = Classify(oneX, loose, blocks: 1);

        Assert.Equal(expected, c.Fault);
        Assert.Contains(c.Drivers, d => d.StartsWith("half orders not resolved (10.0 Hz bins", StringComparison.Ordinal));
        Assert.DoesNotContain(c.Drivers, d => d.StartsWith("sub-harmonics", StringComparison.Ordinal));
    }

    [Fact]
    public void SilentWindow_IsNormal_NotAnError()
    {
        var c = _classifier.Classify(_extractor.Extract(TestBlocks.From(_ => 0, 10)));

        Assert.Equal(VibrationFault.Normal, c.Fault);
        Assert.InRange(c.Confidence, 0.99, 1);
    }
}
