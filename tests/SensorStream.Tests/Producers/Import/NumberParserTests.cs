using SensorStream.Producers.Import.Parsing;

namespace SensorStream.Tests.Producers.Import;

public sealed class NumberParserTests
{
    [Theory]
    [InlineData("12500", 12500)]
    [InlineData("12,500", 12500)]
    [InlineData("₩12,500", 12500)]
    [InlineData("12,500원", 12500)]
    [InlineData("12.500,00 €", 12500)]
    [InlineData("€ 12.500,50", 12500.50)]
    [InlineData("EUR 12.50", 12.50)]
    [InlineData("$1,234,567.89", 1234567.89)]
    [InlineData("1.234.567", 1234567)]
    [InlineData("12 500", 12500)]
    [InlineData("12\u00A0500,25", 12500.25)]
    [InlineData("12'500.25", 12500.25)]
    [InlineData("12,5", 12.5)]
    [InlineData("12,50", 12.50)]
    [InlineData("110.55", 110.55)]
    [InlineData("0.5", 0.5)]
    public void Money_InTheFormsPeopleType(string text, double expected)
    {
        Assert.True(NumberParser.TryParse(text, money: true, maxDecimals: 2, out var value, out var problem), problem);
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("12,500", "ambiguous")]
    [InlineData("1,234", "ambiguous")]
    [InlineData("21,5", null)]
    [InlineData("-3,25", null)]
    [InlineData("1,234.5", null)]
    [InlineData("1.234,5", null)]
    public void Measures_AloneCommaBeforeThreeDigits_IsAmbiguousWhenThreeDecimalsArePossible(string text, string? problem)
    {
        var parsed = NumberParser.TryParse(text, money: false, maxDecimals: 3, out _, out var why);

        Assert.Equal(problem is null, parsed);
        if (problem is not null)
        {
            Assert.Contains(problem, why);
        }
    }

    [Theory]
    [InlineData("12,,500")]
    [InlineData("1,23,456")]
    [InlineData("12.500.00,5.5")]
    [InlineData("1.2.3")]
    [InlineData("12a")]
    [InlineData("₩")]
    [InlineData(",5")]
    [InlineData("5,")]
    [InlineData("1,234 567")]
    [InlineData("1e5")]
    [InlineData("NaN")]
    [InlineData("12500 ₩₩")]
    public void NotNumbers_AreRefusedWithAReason(string text)
    {
        Assert.False(NumberParser.TryParse(text, money: true, maxDecimals: 2, out _, out var problem), text);
        Assert.NotNull(problem);
    }

    [Fact]
    public void CurrencyIsOnlyStrippedFromMoney() =>
        Assert.False(NumberParser.TryParse("₩12,500", money: false, maxDecimals: 2, out _, out _));
}
