using SensorStream.Producers.Trips;
using SensorStream.StreamProcessors.Anomalies.Trips;

namespace SensorStream.Tests.StreamProcessors.Trips;

public sealed class PumpPriceGridTests
{
    [Fact]
    public void EveryCleanSimulatedReceipt_FitsAPriceInTenthsOfACent()
    {
        var rows = new TripSimulator(new TripSimulationOptions { ErrorRate = 0 }, 41, new DateOnly(2026, 1, 5)).Events().Take(3000);

        Assert.All(rows, e => Assert.True(PumpPriceGrid.Fits(e.Value.FuelLitres!.Value, (double)e.Value.FuelCost!.Value)));
    }

    [Theory]
    [InlineData(150.3, 241.83, true)]   // 150.3 × 1.609 = 241.8327
    [InlineData(150.3, 242.83, false)]  // a units-digit slip: 1.6156… is no price in tenths of a cent
    [InlineData(150.5, 242.30, true)]   // 150.5 × 1.610 = 242.305: exactly half a cent, rounded to even…
    [InlineData(150.5, 242.31, true)]   // …or away from zero, both fit
    [InlineData(100, 160.05, false)]    // 100 litres only cost whole tenths
    [InlineData(0, 10, false)]
    [InlineData(-5, 10, false)]
    public void Fits_ChecksCostAgainstLitresTimesAThreeDecimalPrice(double litres, double cost, bool fits)
    {
        Assert.Equal(fits, PumpPriceGrid.Fits(litres, cost));
    }
}
