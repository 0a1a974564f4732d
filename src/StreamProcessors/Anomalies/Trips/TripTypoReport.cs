using System.Globalization;
using System.Text;

namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>Precision, recall and correction accuracy of the entry checker on a labelled trip log.</summary>
/// <param name="Rows">Rows checked.</param>
/// <param name="ByKind">One tally per mistake kind, in the order dropped-digit, adjacent-key, transposed, duplicate.</param>
/// <param name="Overall">All kinds together.</param>
internal sealed record TripTypoReport(int Rows, IReadOnlyList<KindTally> ByKind, KindTally Overall)
{
    /// <summary>A Markdown table of the tallies.</summary>
    public string ToTable()
    {
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{Rows} rows")
            .AppendLine("| kind | actual | reported | correct | precision | recall | correction accuracy |")
            .AppendLine("|---|---|---|---|---|---|---|");
        foreach (var t in ByKind.Append(Overall))
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {t.Kind} | {t.Actual} | {t.Reported} | {t.Correct} | {t.Precision:F3} | {t.Recall:F3} | {t.CorrectionAccuracy:F3} |");
        }
        return table.ToString();
    }
}
