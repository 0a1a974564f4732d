using System.Globalization;
using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Faults;

/// <summary>
/// Classifies a window's <see cref="VibrationFeatures"/> the way a vibration analyst reads a spectrum, as two yes/no
/// questions whose answers combine into the four classes:
/// <list type="bullet">
/// <item><b>unbalance?</b> — is the 1× running-speed amplitude well above a healthy machine's residual unbalance?
/// Evidence ln(1× / <see cref="UnbalanceOneXG"/>).</item>
/// <item><b>looseness?</b> — does a loose support's signature show: a train of 2×…6× harmonics, half-order
/// sub-harmonics (0.5×, 1.5×, 2.5×) and impacts (kurtosis)? Evidence: the weighted mean of
/// ln(feature / threshold) over <see cref="LoosenessHarmonicsG"/> (weight 1), <see cref="LoosenessHalfOrdersG"/>
/// (weight 1, only when the spectrum resolves half orders, i.e. 0.5× lies at least two bins from 1×) and
/// <see cref="ImpactKurtosis"/> (weight 0.5: noise dilutes kurtosis, and a strong 1× lowers it).</item>
/// </list>
/// Each evidence e becomes a probability σ(<see cref="Sharpness"/>·e); the class is the pair of answers and its
/// confidence the product of the two answers' probabilities.
/// <para>
/// How it was fit: the thresholds are the geometric means, rounded, between the nearest values of the classes on
/// either side, measured on the TUNING set only (simulator seeds 1 and 2 at noise 0.02, 0.03 and 0.05 g, 240 s each,
/// fault schedule with healthy spells of mean 20 s and faults of mean 60 s so severities vary over 0.6–1.0; 10 s
/// windows of the five default machines' 20 sensors; 2 076 windows). There 1× was at most 0.22 g without unbalance
/// and at least 0.42 g with it; 2×–6× at most 0.025 g without looseness and at least 0.35 g with it; the half orders
/// at most 0.006 g and at least 0.16 g; kurtosis at most 2.8 for normal and at least 4.2 for looseness alone (2.3
/// with unbalance, which is why it weighs least). <see cref="Sharpness"/> was set by hand so that evidence at 1.5× a
/// threshold gives about 0.8 and at 2× about 0.94. Held-out seeds and noise levels played no part.
/// </para>
/// Stateless and thread-safe.
/// </summary>
internal sealed class VibrationFaultClassifier
{
    /// <summary>1× amplitude above which the machine is unbalanced, g.</summary>
    public const double UnbalanceOneXG = 0.30;

    /// <summary>Typical 1× amplitude of a healthy machine (residual unbalance), g; quoted in the drivers for scale.</summary>
    public const double HealthyOneXG = 0.08;

    /// <summary>Combined 2×…6× amplitude (root of summed power) that indicates looseness, g.</summary>
    public const double LoosenessHarmonicsG = 0.10;

    /// <summary>Combined 0.5×, 1.5×, 2.5× amplitude (root of summed power) that indicates looseness, g.</summary>
    public const double LoosenessHalfOrdersG = 0.03;

    /// <summary>Kurtosis that indicates impacting (3 is Gaussian noise, 1.5 a pure tone).</summary>
    public const double ImpactKurtosis = 3.4;

    /// <summary>Slope of the logistic on the log-ratio evidence: a factor e over a threshold multiplies the odds by e⁴.</summary>
    public const double Sharpness = 4;

    private const double HalfOrderWeight = 1;
    private const double HarmonicsWeight = 1;
    private const double KurtosisWeight = 0.5;
    private const double MinHalfOrderSpacingBins = 2;

    /// <summary>The most likely condition of the window, its confidence and why.</summary>
    public FaultClassification Classify(VibrationFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var unbalanceEvidence = LogRatio(features.OneXG, UnbalanceOneXG);
        var halfOrdersResolved = 0.5 * features.ShaftHz / features.BinHz >= MinHalfOrderSpacingBins;
        var terms = new List<(double Weight, double Evidence, string Text)>(3)
        {
            (HarmonicsWeight, LogRatio(features.HarmonicsG, LoosenessHarmonicsG),
                Format($"2x-6x harmonics = {G(features.HarmonicsG)} g (looseness > {G(LoosenessHarmonicsG)} g)")),
            (KurtosisWeight, LogRatio(features.Kurtosis, ImpactKurtosis),
                Format($"kurtosis {features.Kurtosis:F1} (impacts > {ImpactKurtosis:F1})")),
        };
        if (halfOrdersResolved)
        {
            terms.Add((HalfOrderWeight, LogRatio(features.HalfOrdersG, LoosenessHalfOrdersG),
                Format($"sub-harmonics 0.5x/1.5x/2.5x = {G(features.HalfOrderG)}/{G(features.OneAndHalfOrderG)}/{G(features.TwoAndHalfOrderG)} g (looseness > {G(LoosenessHalfOrdersG)} g combined)")));
        }
        var loosenessEvidence = terms.Sum(t => t.Weight * t.Evidence) / terms.Sum(t => t.Weight);

        var unbalanceProbability = Logistic(Sharpness * unbalanceEvidence);
        var loosenessProbability = Logistic(Sharpness * loosenessEvidence);
        var unbalance = unbalanceProbability >= 0.5;
        var looseness = loosenessProbability >= 0.5;
        var fault = (unbalance, looseness) switch
        {
            (false, false) => VibrationFault.Normal,
            (true, false) => VibrationFault.MassUnbalance,
            (false, true) => VibrationFault.SupportLooseness,
            (true, true) => VibrationFault.UnbalanceAndLooseness,
        };
        var confidence = (unbalance ? unbalanceProbability : 1 - unbalanceProbability)
            * (looseness ? loosenessProbability : 1 - loosenessProbability);

        // Signs of a fault first (what an analyst looks for), then the absences; each group strongest first.
        var sumOfWeights = terms.Sum(t => t.Weight);
        var drivers = terms
            .Select(t => (Evidence: t.Weight * t.Evidence / sumOfWeights, t.Text))
            .Append((Evidence: unbalanceEvidence, Text:
                Format($"1x = {G(features.OneXG)} g (healthy ~{G(HealthyOneXG)} g, unbalance > {G(UnbalanceOneXG)} g)")))
            .OrderByDescending(d => d.Evidence > 0)
            .ThenByDescending(d => Math.Abs(d.Evidence))
            .Select(d => d.Text)
            .ToList();
        if (!halfOrdersResolved)
        {
            drivers.Add(Format($"half orders not resolved ({features.BinHz:F1} Hz bins at {features.ShaftHz:F1} Hz running speed)"));
        }
        if (features.ShaftSpeedEstimated)
        {
            drivers.Add(Format($"running speed {features.ShaftSpeedRpm:F0} rpm estimated from the spectrum"));
        }
        return new FaultClassification(fault, confidence, drivers);
    }

    /// <summary>ln(value / threshold), floored at ln(1/1000) so a zero reading counts as strong evidence, not infinite.</summary>
    private static double LogRatio(double value, double threshold) =>
        Math.Log(Math.Max(value, threshold / 1000) / threshold);

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Two significant decimals for amplitudes of a tenth of a g or more, three below.</summary>
    private static string G(double value) => value.ToString(Math.Abs(value) >= 0.095 ? "F2" : "F3", CultureInfo.InvariantCulture);

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
