using SensorStream.Contracts.Events;
using SensorStream.Producers.Trips;
using SensorStream.StreamProcessors.Anomalies.Trips;

namespace SensorStream.Tests.StreamProcessors.Trips;

public sealed class TypoInversionTests
{
    private static List<TypoCandidate> Candidates(TripField field, double typed)
    {
        var candidates = new List<TypoCandidate>();
        TypoInversion.AddCandidates(field, typed, candidates);
        return candidates;
    }

    [Theory]
    [InlineData(EntryError.DroppedDigit, AnomalyKind.DroppedDigit)]
    [InlineData(EntryError.AdjacentKey, AnomalyKind.AdjacentKeyTypo)]
    [InlineData(EntryError.Transposed, AnomalyKind.TransposedDigits)]
    public void EveryMistakeTheSimulatorMakes_IsUndoneByOneCandidate(EntryError error, AnomalyKind kind)
    {
        var random = new Random(11);
        var fields = new[] { (TripField.OdometerEnd, 0), (TripField.FuelLitres, 1), (TripField.FuelCost, 2) };
        for (var i = 0; i < 3000; i++)
        {
            var (field, decimals) = fields[i % fields.Length];
            var meant = Math.Round(Math.Pow(10, 1 + (6 * random.NextDouble())), decimals);
            if (TypoInjector.Apply(meant, error, decimals, random) is not { } typed)
            {
                continue;
            }

            var undo = Candidates(field, typed).Where(c => c.Kind == kind && c.Value == meant).ToList();

            Assert.True(undo.Count == 1, $"{meant} typed as {typed} ({error}) has {undo.Count} candidates restoring it");
            Assert.InRange(undo[0].LogChance, Math.Log(1e-3), 0);
        }
    }

    [Fact]
    public void DroppedDigit_Undoing1250To12500_CountsBothZerosThatCouldHaveBeenDropped()
    {
        var undo = Candidates(TripField.OdometerEnd, 1250).Single(c => c.Kind == AnomalyKind.DroppedDigit && c.Value == 12500);

        // Either of the two trailing zeros of 12500 could have been the one dropped: 2 of 5 positions.
        Assert.Equal(Math.Log(2.0 / 5), undo.LogChance, 12);
    }

    [Fact]
    public void DroppedLeadingDigit_FollowedByZeros_IsUndone()
    {
        Assert.Contains(Candidates(TripField.Distance, 500), c => c.Kind == AnomalyKind.DroppedDigit && c.Value == 10_500);
    }

    [Fact]
    public void Candidates_KeepTheDecimalsAndTheSign_AndNeverStartWithZero()
    {
        var candidates = Candidates(TripField.FuelCost, -241.8);

        Assert.All(candidates, c => Assert.Equal(-0.8, Math.Round(c.Value - Math.Truncate(c.Value), 2)));
        Assert.All(candidates, c => Assert.True(c.Value <= -100, $"{c.Value} would be typed with a leading zero"));
        Assert.Contains(candidates, c => c.Kind == AnomalyKind.AdjacentKeyTypo && c.Value == -541.8);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e300)]
    public void UnusableNumbers_HaveNoCandidates(double typed)
    {
        Assert.Empty(Candidates(TripField.Distance, typed));
    }
}
