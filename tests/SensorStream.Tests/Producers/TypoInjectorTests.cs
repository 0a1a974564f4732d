using SensorStream.Contracts.Trips;
using SensorStream.Producers.Trips;

namespace SensorStream.Tests.Producers;

public sealed class TypoInjectorTests
{
    private static string Digits(double value) => ((long)Math.Abs(Math.Truncate(value))).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void DroppedDigit_RemovesExactlyOneDigit()
    {
        var random = new Random(1);
        for (var i = 0; i < 200; i++)
        {
            var typed = TypoInjector.Apply(12500, EntryError.DroppedDigit, 0, random)!.Value;
            Assert.Contains(typed, new double[] { 2500, 1500, 1200, 1250 });
        }
    }

    [Fact]
    public void AdjacentKey_ChangesOneDigitToAKeypadNeighbour_AndKeepsDecimals()
    {
        var random = new Random(2);
        for (var i = 0; i < 500; i++)
        {
            var typed = TypoInjector.Apply(1234.56, EntryError.AdjacentKey, 2, random)!.Value;
            Assert.Equal(0.56, Math.Round(typed - Math.Truncate(typed), 2));
            var (a, b) = ("1234", Digits(typed));
            Assert.Equal(a.Length, b.Length);
            var differing = Enumerable.Range(0, a.Length).Where(k => a[k] != b[k]).ToList();
            Assert.Single(differing);
            Assert.Contains(b[differing[0]], NumericKeypad.NeighboursOf(a[differing[0]]));
        }
    }

    [Fact]
    public void Transposed_SwapsTwoNeighbouringDifferentDigits()
    {
        var random = new Random(3);
        for (var i = 0; i < 200; i++)
        {
            var typed = Digits(TypoInjector.Apply(1250, EntryError.Transposed, 0, random)!.Value);
            Assert.Contains(typed, new[] { "2150", "1520", "1205" });
        }
    }

    [Theory]
    [InlineData(7.0, EntryError.DroppedDigit)] // a single digit cannot lose one
    [InlineData(1111.0, EntryError.Transposed)] // swapping equal digits changes nothing
    public void ImpossibleMistakes_ReturnNull(double value, EntryError error)
    {
        Assert.Null(TypoInjector.Apply(value, error, 0, new Random(4)));
    }
}
