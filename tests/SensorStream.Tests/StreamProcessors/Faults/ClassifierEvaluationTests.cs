using SensorStream.StreamProcessors.Faults;

namespace SensorStream.Tests.StreamProcessors.Faults;

/// <summary>Macro-F1 of the fault classifier against the simulators' truth-fault headers on the held-out set.</summary>
public sealed class ClassifierEvaluationTests(HeldOutEvaluation evaluation) : IClassFixture<HeldOutEvaluation>
{
    private const double Target = 0.95;
    private const int MinWindowsPerClass = 200;

    [Fact]
    public void HeldOut_TenSecondWindows_ReachMacroF1Target()
    {
        var matrix = evaluation.Tachometer;
        var perNoise = string.Join(", ", evaluation.ByNoise.Select(p => $"{p.Key} g: {p.Value.MacroF1:F4}"));

        Assert.All(FaultConfusionMatrix.Classes, c => Assert.True(matrix.Support(c) >= MinWindowsPerClass, $"only {matrix.Support(c)} {c} windows\n{matrix}"));
        Assert.True(matrix.MacroF1 >= Target, $"held-out macro-F1 {matrix.MacroF1:F4} < {Target}; per noise level {perNoise}\n{matrix}");
    }

    [Fact]
    public void HeldOut_EveryNoiseLevel_ReachesMacroF1Target()
    {
        Assert.All(evaluation.ByNoise, p => Assert.True(p.Value.MacroF1 >= Target, $"noise {p.Key} g: macro-F1 {p.Value.MacroF1:F4}\n{p.Value}"));
    }

    [Fact]
    public void HeldOut_WithoutTachometer_EstimatesSpeedAndReachesMacroF1Target()
    {
        var matrix = evaluation.NoTachometer;

        Assert.True(evaluation.WorstSpeedError < 0.01, $"worst shaft speed error {evaluation.WorstSpeedError:P2}");
        Assert.True(matrix.MacroF1 >= Target, $"macro-F1 without tachometer {matrix.MacroF1:F4}\n{matrix}");
    }

    [Fact]
    public void HeldOut_WithATenthOfBlocksMissing_ReachesMacroF1Target()
    {
        var matrix = evaluation.MissingBlocks;

        Assert.True(matrix.MacroF1 >= Target, $"macro-F1 with missing blocks {matrix.MacroF1:F4}\n{matrix}");
    }

    [Fact]
    public void HeldOut_OneSecondWindows_ReachMacroF1Target()
    {
        var matrix = evaluation.OneSecondWindows;

        Assert.True(matrix.MacroF1 >= Target, $"macro-F1 of 1 s windows {matrix.MacroF1:F4}\n{matrix}");
    }
}
