using System.Globalization;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// Scores the entry checker against the ground truth a simulator writes in the <see cref="TruthHeaders"/>: a finding is
/// correct when it names the mistyped row (trip id), the kind and the field; its suggestion is right when it equals
/// <see cref="TruthHeaders.Value"/>.
/// </summary>
internal static class TripTypoEvaluation
{
    private static readonly (string Header, AnomalyKind Kind)[] Kinds =
    [
        ("dropped-digit", AnomalyKind.DroppedDigit), ("adjacent-key", AnomalyKind.AdjacentKeyTypo),
        ("transposed", AnomalyKind.TransposedDigits), ("duplicate", AnomalyKind.DuplicateRow),
    ];

    /// <summary>Runs a fresh <see cref="TripFleetEntryChecker"/> over <paramref name="log"/> (in entry order), flushes it, and scores the findings.</summary>
    public static TripTypoReport Run(IEnumerable<(TripRecord Record, IReadOnlyList<KeyValuePair<string, string>> Headers)> log,
        TripEntryCheckerOptions? options = null)
    {
        var checker = new TripFleetEntryChecker(options);
        var truths = new Dictionary<Guid, (AnomalyKind Kind, string Field, string Value)>();
        var findings = new List<TripEntryFinding>();
        var rows = 0;
        foreach (var (record, headers) in log)
        {
            rows++;
            if (Truth(headers) is { } truth)
            {
                truths[record.TripId] = truth;
            }
            findings.AddRange(checker.Accept(record));
        }
        findings.AddRange(checker.Flush());
        return Score(rows, truths, findings);
    }

    /// <summary>Scores <paramref name="findings"/> against the true mistakes, keyed by trip id.</summary>
    public static TripTypoReport Score(int rows, IReadOnlyDictionary<Guid, (AnomalyKind Kind, string Field, string Value)> truths,
        IReadOnlyList<TripEntryFinding> findings)
    {
        var tallies = new List<KindTally>();
        foreach (var (header, kind) in Kinds)
        {
            var reported = findings.Where(f => f.Kind == kind).ToList();
            var correct = reported.Where(f => truths.TryGetValue(f.TripId, out var t) && t.Kind == kind && t.Field == f.Field).ToList();
            tallies.Add(new KindTally(header, truths.Values.Count(t => t.Kind == kind), reported.Count, correct.Count,
                correct.Select(f => f.TripId).Distinct().Count(), correct.Count(f => Restores(f, truths[f.TripId].Value))));
        }
        var overall = new KindTally("overall", tallies.Sum(t => t.Actual), tallies.Sum(t => t.Reported), tallies.Sum(t => t.Correct),
            tallies.Sum(t => t.Detected), tallies.Sum(t => t.Restored));
        return new TripTypoReport(rows, tallies, overall);
    }

    /// <summary>The tallies of several runs added up.</summary>
    public static TripTypoReport Merge(IReadOnlyList<TripTypoReport> reports)
    {
        static KindTally Sum(string kind, IEnumerable<KindTally> tallies)
        {
            var list = tallies.ToList();
            return new KindTally(kind, list.Sum(t => t.Actual), list.Sum(t => t.Reported), list.Sum(t => t.Correct), list.Sum(t => t.Detected),
                list.Sum(t => t.Restored));
        }

        var kinds = reports[0].ByKind.Select((tally, i) => Sum(tally.Kind, reports.Select(r => r.ByKind[i]))).ToList();
        return new TripTypoReport(reports.Sum(r => r.Rows), kinds, Sum("overall", reports.Select(r => r.Overall)));
    }

    /// <summary>The mistake recorded in <paramref name="headers"/>, or null for a clean row.</summary>
    public static (AnomalyKind Kind, string Field, string Value)? Truth(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        string? error = null, field = null, value = null;
        foreach (var (name, text) in headers)
        {
            switch (name)
            {
                case TruthHeaders.Error:
                    error = text;
                    break;
                case TruthHeaders.Field:
                    field = text;
                    break;
                case TruthHeaders.Value:
                    value = text;
                    break;
            }
        }
        var kind = Kinds.FirstOrDefault(k => k.Header == error).Kind;
        return kind == AnomalyKind.Unknown || field is null || value is null ? null : (kind, field, value);
    }

    private static bool Restores(TripEntryFinding finding, string truth) => finding.Kind == AnomalyKind.DuplicateRow
        ? finding.Details.TryGetValue("original_trip_id", out var original) && string.Equals(original, truth, StringComparison.OrdinalIgnoreCase)
        : finding.SuggestedValue is { } suggested && Math.Abs(suggested - double.Parse(truth, CultureInfo.InvariantCulture)) < 0.001;
}
