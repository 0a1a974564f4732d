using SensorStream.Contracts.Events;
using SensorStream.StreamProcessors.Faults;

namespace SensorStream.Tests.StreamProcessors.Faults;

public sealed class FaultConfusionMatrixTests
{
    [Fact]
    public void PrecisionRecallAndF1_FollowTheirDefinitions()
    {
        var m = new FaultConfusionMatrix();
        Add(m, VibrationFault.Normal, VibrationFault.Normal, 8);
        Add(m, VibrationFault.Normal, VibrationFault.MassUnbalance, 2);
        Add(m, VibrationFault.MassUnbalance, VibrationFault.MassUnbalance, 10);
        Add(m, VibrationFault.SupportLooseness, VibrationFault.SupportLooseness, 5);
        Add(m, VibrationFault.SupportLooseness, VibrationFault.UnbalanceAndLooseness, 5);
        Add(m, VibrationFault.UnbalanceAndLooseness, VibrationFault.UnbalanceAndLooseness, 10);

        Assert.Equal(40, m.Total);
        Assert.Equal(10 / 12.0, m.Precision(VibrationFault.MassUnbalance), 12);
        Assert.Equal(0.8, m.Recall(VibrationFault.Normal), 12);
        Assert.Equal(2 * 1 * 0.5 / 1.5, m.F1(VibrationFault.SupportLooseness), 12);
        var f1 = new[] { 2 * 0.8 / 1.8, 2 * (10 / 12.0) / (1 + (10 / 12.0)), 2 * 0.5 / 1.5, 2 * (10 / 15.0) / (1 + (10 / 15.0)) };
        Assert.Equal(f1.Average(), m.MacroF1, 12);
        Assert.Equal(33 / 40.0, m.Accuracy, 12);
    }

    [Fact]
    public void ClassNeverPredictedOrNeverPresent_ScoresZero_NotNaN()
    {
        var m = new FaultConfusionMatrix();
        m.Add(VibrationFault.Normal, VibrationFault.Normal);

        Assert.Equal(0, m.F1(VibrationFault.MassUnbalance));
        Assert.Equal(0.25, m.MacroF1, 12);
    }

    [Fact]
    public void Unknown_IsNotAClass()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultConfusionMatrix().Add(VibrationFault.Unknown, VibrationFault.Normal));
    }

    [Fact]
    public void Text_ShowsTheMatrixRowsAndTheMacroF1()
    {
        var m = new FaultConfusionMatrix();
        Add(m, VibrationFault.MassUnbalance, VibrationFault.UnbalanceAndLooseness, 3);

        var text = m.ToString();

        Assert.Contains("MassUnbalance", text, StringComparison.Ordinal);
        Assert.Contains("macro-F1 0.0000", text, StringComparison.Ordinal);
        Assert.Equal(6, text.Split('\n').Length);
    }

    private static void Add(FaultConfusionMatrix m, VibrationFault truth, VibrationFault predicted, int count)
    {
        for (var i = 0; i < count; i++)
        {
            m.Add(truth, predicted);
        }
    }
}
