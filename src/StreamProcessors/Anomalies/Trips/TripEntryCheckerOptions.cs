namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>Tuning of <see cref="TripEntryChecker"/>. The defaults were tuned on simulator seeds 1–5 only.</summary>
internal sealed class TripEntryCheckerOptions
{
    /// <summary>Prior share of rows typed with a mistake (0–1), before looking at the row. Default 0.04.</summary>
    public double ExpectedErrorRate { get; init; } = 0.04;

    /// <summary>Posterior probability (0–1) a mistake in one field, of one kind, needs to be reported. Default 0.7.</summary>
    public double ReportThreshold { get; init; } = 0.7;

    /// <summary>Longest drive between two logged trips that goes unlogged (to the workshop, home), km. Default 25.</summary>
    public double MaxUnloggedGapKm { get; init; } = 25;

    /// <summary>Recent clean rows each learned statistic keeps per truck. Default 64.</summary>
    public int HistoryRows { get; init; } = 64;

    /// <summary>Rows a statistic needs before it is used; until then only internal consistency and continuity count. Default 6.</summary>
    public int WarmUpRows { get; init; } = 6;

    /// <summary>Earlier rows of the same truck a duplicate is looked for among. Default 16.</summary>
    public int DuplicateLookbackRows { get; init; } = 16;

    /// <summary>Whether to check receipts against a pump price in tenths of a cent once the truck's history fits it. Default true.</summary>
    public bool UsePumpPriceGrid { get; init; } = true;
}
