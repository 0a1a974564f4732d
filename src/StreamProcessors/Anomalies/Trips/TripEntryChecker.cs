using System.Globalization;
using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// Finds hand-typing mistakes in one truck's trip log (the runtime keys <c>trips.records</c> by truck, so it keeps one
/// checker per truck; <see cref="TripFleetEntryChecker"/> does that keying). Each row is explained as entered or with
/// one slip undone — a dropped digit re-inserted, an adjacent key put back, two digits swapped back — and the
/// explanations are weighed by how well they restore odometer arithmetic, continuity with the previous and following
/// trips, km per litre, price per litre and revenue per km against the truck's recent history. A row typed twice is
/// recognised on arrival.
/// <para>
/// Latency: a row is decided when the next row of the truck that is not a duplicate arrives, because that row's start
/// settles this row's end; if that row was logged by distance only, when the row after it arrives; and at the latest
/// once two rows (duplicates included) have arrived after it, or at <see cref="Flush"/>. So a finding may concern the
/// row before the one just accepted, or the one before that. State is bounded (at most two undecided rows, a few
/// readings of where the odometer stood, the last <see cref="TripEntryCheckerOptions.DuplicateLookbackRows"/> entries,
/// <see cref="TripEntryCheckerOptions.HistoryRows"/> samples per statistic and two counters) and deterministic: the
/// same rows in the same order give the same findings. Not thread-safe: a truck's rows come from one partition,
/// consumed by one thread.
/// </para>
/// </summary>
internal sealed class TripEntryChecker
{
    private readonly TripEntryCheckerOptions _options;
    private readonly TruckHistory _history;
    private readonly RecentEntries _recent;
    private readonly List<PendingRow> _pending = new(3);
    private readonly List<TypoCandidate> _scratch = [];
    private readonly List<RowHypothesis>[] _hypotheses = [[], [], []];
    private OdometerBelief _odometer = OdometerBelief.None;

    /// <summary>A checker for <paramref name="truckId"/>'s rows, with no history yet.</summary>
    public TripEntryChecker(string truckId, TripEntryCheckerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(truckId);
        _options = options ?? new TripEntryCheckerOptions();
        if (_options.HistoryRows < 2 || _options.WarmUpRows < 2 || _options.DuplicateLookbackRows < 1
            || _options.ExpectedErrorRate is <= 0 or >= 1 || _options.ReportThreshold is <= 0 or > 1 || _options.MaxUnloggedGapKm < 0)
        {
            throw new ArgumentException("trip entry checker options out of range", nameof(options));
        }
        TruckId = truckId;
        _history = new TruckHistory(_options);
        _recent = new RecentEntries(_options.DuplicateLookbackRows);
    }

    /// <summary>The truck whose rows this checker accepts.</summary>
    public string TruckId { get; }

    /// <summary>
    /// Takes the truck's next row in arrival order and returns what is now settled: a duplicate finding for this row,
    /// and findings for the earlier rows this arrival let be decided. Usually empty.
    /// </summary>
    public IReadOnlyList<TripEntryFinding> Accept(TripRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!string.Equals(record.TruckId, TruckId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"row of truck {record.TruckId} given to the checker of {TruckId}", nameof(record));
        }
        var findings = new List<TripEntryFinding>();
        foreach (var row in _pending)
        {
            row.ArrivedSince++;
        }
        if (_recent.OriginalOf(record) is { } original)
        {
            findings.Add(Duplicate(record, original));
        }
        else
        {
            _recent.Add(record);
            _pending.Add(new PendingRow(record));
        }
        DecideReadyRows(findings, flushing: false);
        return findings;
    }

    /// <summary>
    /// Decides the rows still waiting for successors, as at the end of the log (without later trips to confirm their
    /// odometer ends). Rows accepted afterwards continue the same history.
    /// </summary>
    public IReadOnlyList<TripEntryFinding> Flush()
    {
        var findings = new List<TripEntryFinding>();
        DecideReadyRows(findings, flushing: true);
        return findings;
    }

    private void DecideReadyRows(List<TripEntryFinding> findings, bool flushing)
    {
        while (_pending.Count > 0)
        {
            var row = _pending[0];
            var next = _pending.Count > 1 ? _pending[1] : null;
            var afterNext = _pending.Count > 2 ? _pending[2] : null;
            // A row logged by distance only says nothing about where this one ended; the row after it does.
            var waitForAfterNext = next is not null && next.Values.Start is null && next.Values.TripKm is not null
                && (row.Values.End is not null || row.Values.TripKm is not null) && afterNext is null;
            var ready = flushing || row.ArrivedSince >= 2 || (next is not null && !waitForAfterNext);
            if (!ready)
            {
                return;
            }
            Decide(row, next, afterNext, findings);
            _pending.RemoveAt(0);
        }
    }

    private void Decide(PendingRow row, PendingRow? next, PendingRow? afterNext, List<TripEntryFinding> findings)
    {
        var history = _history.Snapshot();
        var hypotheses = RowHypotheses.Of(row.Values, history, _options, _scratch, _hypotheses[0]);
        var endKnowable = row.Values.End is not null || (row.Values.TripKm is not null && _odometer.Best is not null);
        var forecasts = next is null || !endKnowable
            ? StartForecasts.None
            : StartForecasts.From(RowHypotheses.Of(next.Values, history, _options, _scratch, _hypotheses[1]),
                afterNext is null ? null : RowHypotheses.Of(afterNext.Values, history, _options, _scratch, _hypotheses[2]));
        var decision = RowDecision.Of(hypotheses, _odometer, forecasts, history.Gaps);

        var decided = 0;
        if (decision.BestMistake() is { } mistake && mistake.Mass >= _options.ReportThreshold)
        {
            decided = mistake.Index;
            findings.Add(Mistyped(row, decision, mistake.Index, mistake.Mass, mistake.Alternatives, !forecasts.IsEmpty, history));
        }
        // Every row not reported teaches the history, not only the confidently clean ones: rows near the edge of a
        // band are the least confident, and leaving them out would narrow the band until clean rows fall outside it.
        var values = hypotheses[decided].ValuesOf(row.Values);
        _history.Learn(values, GapFromPrevious(values));
        _odometer = decision.NextOdometer(_odometer);
    }

    private double? GapFromPrevious(in TripValues values) =>
        _odometer.Best is { Hops: 1, Weight: >= 0.9 } last && values.Start is { } start ? start - last.EndKm : null;

    private TripEntryFinding Duplicate(TripRecord row, TripRecord original)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["original_trip_id"] = original.TripId.ToString(),
            ["reason"] = $"same truck, date and entered values as trip {original.TripId}",
        };
        return new TripEntryFinding(TruckId, row.TripId, row.EnteredAt, AnomalyKind.DuplicateRow, TripFields.Row, null, null,
            DuplicateScore(row), details);
    }

    // Repeated odometer readings cannot be two real trips; with fewer numbers entered, a coincidence is less unlikely.
    private static double DuplicateScore(TripRecord row)
    {
        if (row.OdometerStartKm is not null || row.OdometerEndKm is not null)
        {
            return 0.99;
        }
        var entered = new object?[] { row.DistanceKm, row.FuelLitres, row.FuelCost, row.Toll, row.Revenue }.Count(v => v is not null);
        return Math.Min(0.99, 1 - Math.Pow(0.5, entered + 1));
    }

    private TripEntryFinding Mistyped(PendingRow row, RowDecision decision, int index, double score, int alternatives, bool withLaterRows,
        in HistorySnapshot history)
    {
        var correction = decision.Hypotheses[index].Correction!.Value;
        var observed = row.Values[correction.Field];
        var evidence = new FindingEvidence(RowScore.Of(row.Values, history), RowScore.Of(decision.Hypotheses[index].ValuesOf(row.Values), history),
            decision.Previous[index] - decision.Previous[0], decision.Following[index] - decision.Following[0]);
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["reason"] = evidence.Reason(correction, observed),
            ["restores"] = string.Join(",", evidence.Restored().Select(FindingEvidence.Name)),
            ["other_values"] = alternatives.ToString(CultureInfo.InvariantCulture),
            ["decided_with_later_rows"] = withLaterRows ? "true" : "false",
        };
        return new TripEntryFinding(TruckId, row.Record.TripId, row.Record.EnteredAt, correction.Kind, TripFields.Name(correction.Field), observed,
            correction.Value, score, details);
    }
}
