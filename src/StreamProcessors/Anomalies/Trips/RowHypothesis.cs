namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// One explanation of an entered row: as entered, or with one slip undone; with its weight and the odometer figures
/// that tie it to the trips around it. Kept small (unknown figures are NaN), as a row has hundreds of them.
/// </summary>
internal readonly struct RowHypothesis
{
    private readonly TypoCandidate _correction;
    private readonly double _start;
    private readonly double _end;
    private readonly double _tripKm;

    /// <summary>An explanation of a row whose values under it are <paramref name="values"/>.</summary>
    /// <param name="correction">The slip undone, or null for the row as entered.</param>
    /// <param name="values">The row's values under this explanation.</param>
    /// <param name="logWeight">Log prior plus log-likelihood of the row itself (without continuity with other rows).</param>
    public RowHypothesis(TypoCandidate? correction, in TripValues values, double logWeight)
    {
        IsEntered = correction is null;
        _correction = correction.GetValueOrDefault();
        LogWeight = logWeight;
        _start = values.Start ?? double.NaN;
        _end = values.End ?? double.NaN;
        _tripKm = values.TripKm ?? double.NaN;
    }

    /// <summary>Whether this is the row as entered.</summary>
    public bool IsEntered { get; }

    /// <summary>The slip undone, or null for the row as entered.</summary>
    public TypoCandidate? Correction => IsEntered ? null : _correction;

    /// <summary>Log prior plus log-likelihood of the row itself (without continuity with other rows).</summary>
    public double LogWeight { get; }

    /// <summary>Odometer at departure under this explanation.</summary>
    public double? Start => double.IsNaN(_start) ? null : _start;

    /// <summary>Odometer at arrival under this explanation.</summary>
    public double? End => double.IsNaN(_end) ? null : _end;

    /// <summary>Kilometres driven under this explanation.</summary>
    public double? TripKm => double.IsNaN(_tripKm) ? null : _tripKm;

    /// <summary>The row's values under this explanation.</summary>
    public TripValues ValuesOf(in TripValues entered) => IsEntered ? entered : entered.With(_correction.Field, _correction.Value);
}
