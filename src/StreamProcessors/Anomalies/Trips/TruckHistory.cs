namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>
/// What one truck's recent rows (as decided: corrected where a mistake was reported) say is normal: km per litre,
/// price per litre, the revenue model, how often trips start exactly where the last one ended, and whether receipts
/// fit a pump-price grid. Bounded: each statistic keeps the last <see cref="TripEntryCheckerOptions.HistoryRows"/>
/// samples, and the grid two counts that forget a 1024th per receipt.
/// </summary>
internal sealed class TruckHistory
{
    // Ratios are compared in log (relative) terms. A digit slip moves a ratio by far more than 20 %, while fuel
    // consumption, pump prices and rates vary by several per cent: history further than 20 % from its median is a
    // slip that got through, and no band is narrower than ±5 %.
    private const double MinOutlierReach = 0.2;
    private const double MinHalfWidth = 0.05;
    private const double GridMemory = 1 - (1.0 / 1024);
    private readonly TripEntryCheckerOptions _options;
    private readonly SampleWindow _kmPerLitre;
    private readonly SampleWindow _pricePerLitre;
    private readonly SampleWindow _revenueKm;
    private readonly SampleWindow _revenue;
    private readonly SampleWindow _zeroGaps;
    private double _gridChecked;
    private double _gridFitting;
    private (int Version, PlausibleBand Band) _kmPerLitreBand = (-1, PlausibleBand.Unknown);
    private (int Version, PlausibleBand Band) _priceBand = (-1, PlausibleBand.Unknown);
    private (int Version, RevenueFit Fit) _revenueFit = (-1, RevenueFit.Unknown);

    /// <summary>Empty history.</summary>
    public TruckHistory(TripEntryCheckerOptions options)
    {
        _options = options;
        _kmPerLitre = new SampleWindow(options.HistoryRows);
        _pricePerLitre = new SampleWindow(options.HistoryRows);
        _revenueKm = new SampleWindow(options.HistoryRows);
        _revenue = new SampleWindow(options.HistoryRows);
        _zeroGaps = new SampleWindow(options.HistoryRows);
    }

    /// <summary>The statistics as they stand, for scoring one row.</summary>
    public HistorySnapshot Snapshot() =>
        new(KmPerLitre, PricePerLitre, Revenue, PriceGridShare, new GapModel(ZeroGapShare, _options.MaxUnloggedGapKm));

    /// <summary>Band of ln(km / litre).</summary>
    public PlausibleBand KmPerLitre => Cached(_kmPerLitre, ref _kmPerLitreBand);

    /// <summary>Band of ln(cost / litre).</summary>
    public PlausibleBand PricePerLitre => Cached(_pricePerLitre, ref _priceBand);

    /// <summary>Revenue against km.</summary>
    public RevenueFit Revenue
    {
        get
        {
            if (_revenueFit.Version != _revenue.Version)
            {
                _revenueFit = (_revenue.Version, RevenueFit.Learn(_revenueKm.ToArray(), _revenue.ToArray(), _options.WarmUpRows, Band));
            }
            return _revenueFit.Fit;
        }
    }

    /// <summary>Share of trips that start exactly where the previous one ended (0.5 before any history, kept within 0.2–0.95).</summary>
    public double ZeroGapShare => Math.Clamp((Sum(_zeroGaps) + 1) / (_zeroGaps.Count + 2), 0.2, 0.95);

    /// <summary>Share of receipts that fit the pump-price grid, or null while that is not established for this truck.</summary>
    public double? PriceGridShare
    {
        get
        {
            if (!_options.UsePumpPriceGrid || _gridChecked < _options.WarmUpRows)
            {
                return null;
            }
            // A receipt is litres × price by construction, so an established fit is close to an identity: the prior
            // allows a hundredth of a misfit, not the half a count of an open question, and misfits seen count in full.
            var share = 1 - ((_gridChecked - _gridFitting + 0.01) / (_gridChecked + 1));
            return share >= 0.9 ? share : null;
        }
    }

    /// <summary>Learns from a row taken as clean (or as corrected); <paramref name="gapKm"/> is its distance from the previous trip's end, when known.</summary>
    public void Learn(in TripValues row, double? gapKm)
    {
        var km = row.TripKm;
        if (km is > 0 && row.FuelLitres is > 0 and var litres)
        {
            _kmPerLitre.Add(Math.Log(km.Value / litres));
        }
        if (row.FuelLitres is > 0 and var fuel && row.FuelCost is > 0 and var cost)
        {
            _pricePerLitre.Add(Math.Log(cost / fuel));
            // Counted with slow forgetting rather than in the window: the evidence of a misfit is only as strong as
            // the record of receipts that fit is long, yet a truck whose receipts stop fitting must lose the check.
            _gridChecked = (_gridChecked * GridMemory) + 1;
            _gridFitting = (_gridFitting * GridMemory) + (PumpPriceGrid.Fits(fuel, cost) ? 1 : 0);
        }
        if (km is > 0 && row.Revenue is > 0 and var revenue)
        {
            _revenueKm.Add(km.Value);
            _revenue.Add(revenue);
        }
        if (gapKm is { } gap && gap >= 0 && gap <= _options.MaxUnloggedGapKm)
        {
            _zeroGaps.Add(gap < 0.5 ? 1 : 0);
        }
    }

    private PlausibleBand Cached(SampleWindow window, ref (int Version, PlausibleBand Band) cache)
    {
        if (cache.Version != window.Version)
        {
            cache = (window.Version, Band(window.ToArray()));
        }
        return cache.Band;
    }

    private PlausibleBand Band(double[] samples) => PlausibleBand.Learn(samples, _options.WarmUpRows, 3, MinOutlierReach, MinHalfWidth);

    private static double Sum(SampleWindow window) => window.ToArray().Sum();
}
