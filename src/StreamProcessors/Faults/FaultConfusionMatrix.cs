using System.Globalization;
using System.Text;
using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Faults;

/// <summary>
/// Scores fault classifications against the truth (the simulators' <c>truth-fault</c> header): counts of true class ×
/// predicted class over Normal, MassUnbalance, SupportLooseness and UnbalanceAndLooseness, with per-class precision,
/// recall and F1 and their macro average. Not thread-safe.
/// </summary>
internal sealed class FaultConfusionMatrix
{
    /// <summary>The four classes, in matrix order.</summary>
    public static readonly IReadOnlyList<VibrationFault> Classes =
        [VibrationFault.Normal, VibrationFault.MassUnbalance, VibrationFault.SupportLooseness, VibrationFault.UnbalanceAndLooseness];

    private readonly int[,] _counts = new int[4, 4];

    /// <summary>Windows counted.</summary>
    public int Total { get; private set; }

    /// <summary>Counts one window.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Either fault is <see cref="VibrationFault.Unknown"/> or not a class.</exception>
    public void Add(VibrationFault truth, VibrationFault predicted)
    {
        _counts[Index(truth), Index(predicted)]++;
        Total++;
    }

    /// <summary>Windows of class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public int Count(VibrationFault truth, VibrationFault predicted) => _counts[Index(truth), Index(predicted)];

    /// <summary>Windows whose true class is <paramref name="truth"/>.</summary>
    public int Support(VibrationFault truth) => Classes.Sum(p => Count(truth, p));

    /// <summary>Share of windows predicted <paramref name="fault"/> that were; 0 when none were predicted.</summary>
    public double Precision(VibrationFault fault)
    {
        var predicted = Classes.Sum(t => Count(t, fault));
        return predicted == 0 ? 0 : (double)Count(fault, fault) / predicted;
    }

    /// <summary>Share of windows of class <paramref name="fault"/> predicted as it; 0 when there were none.</summary>
    public double Recall(VibrationFault fault)
    {
        var support = Support(fault);
        return support == 0 ? 0 : (double)Count(fault, fault) / support;
    }

    /// <summary>Harmonic mean of precision and recall; 0 when both are 0.</summary>
    public double F1(VibrationFault fault)
    {
        var (p, r) = (Precision(fault), Recall(fault));
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>Unweighted mean of the four classes' F1.</summary>
    public double MacroF1 => Classes.Average(F1);

    /// <summary>Share of all windows classified correctly.</summary>
    public double Accuracy => Total == 0 ? 0 : (double)Classes.Sum(c => Count(c, c)) / Total;

    /// <summary>The matrix (rows true, columns predicted) and per-class precision, recall and F1 as text.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"true \\ predicted",-24}{string.Concat(Classes.Select(c => $"{c,24}"))}{"precision",11}{"recall",8}{"F1",8}");
        foreach (var truth in Classes)
        {
            text.Append(CultureInfo.InvariantCulture, $"{truth,-24}");
            foreach (var predicted in Classes)
            {
                text.Append(CultureInfo.InvariantCulture, $"{Count(truth, predicted),24}");
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"{Precision(truth),11:F3}{Recall(truth),8:F3}{F1(truth),8:F3}");
        }
        text.Append(CultureInfo.InvariantCulture, $"macro-F1 {MacroF1:F4}, accuracy {Accuracy:F4}, {Total} windows");
        return text.ToString();
    }

    private static int Index(VibrationFault fault) => fault switch
    {
        VibrationFault.Normal => 0,
        VibrationFault.MassUnbalance => 1,
        VibrationFault.SupportLooseness => 2,
        VibrationFault.UnbalanceAndLooseness => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "not one of the four fault classes"),
    };
}
