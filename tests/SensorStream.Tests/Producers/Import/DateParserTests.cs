using SensorStream.Producers.Import.Parsing;

namespace SensorStream.Tests.Producers.Import;

public sealed class DateParserTests
{
    private static readonly DateOnly March2 = new(2026, 3, 2);

    [Theory]
    [InlineData("2026-03-02")]
    [InlineData("2026.03.02")]
    [InlineData("2026.3.2")]
    [InlineData("2026. 3. 2.")]
    [InlineData("2026/03/02")]
    [InlineData("20260302")]
    [InlineData("2026년 3월 2일")]
    [InlineData("2026년3월2일")]
    [InlineData("2026년 03월 02일 (월)")]
    [InlineData("2026-03-02(월)")]
    [InlineData("02/03/2026")]
    [InlineData("2.3.2026")]
    [InlineData(" 2026-03-02 ")]
    [InlineData("2026-03-02 00:00:00")]
    public void TryParseDate_BuiltInForms_ReadTheSameDay(string text)
    {
        Assert.True(new DateParser().TryParseDate(text, out var date), text);
        Assert.Equal(March2, date);
    }

    [Theory]
    [InlineData("2026-13-02")]
    [InlineData("2026-02-30")]
    [InlineData("2026.03-02")]
    [InlineData("03/02/26")]
    [InlineData("202603021")]
    [InlineData("2026-03-02 14:00")]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("2026년 13월 2일")]
    [InlineData("３月")]
    public void TryParseDate_NotADate_IsRefused(string text) => Assert.False(new DateParser().TryParseDate(text, out _), text);

    [Fact]
    public void TryParseDate_WithAFormat_ReadsIt_AndNoLongerReadsDayFirst()
    {
        var parser = new DateParser(["MM/dd/yyyy"]);

        Assert.True(parser.TryParseDate("03/02/2026", out var us));
        Assert.Equal(March2, us);
        Assert.False(parser.TryParseDate("13/02/2026", out _)); // day first would have read 13 February
        Assert.True(parser.TryParseDate("2026.03.02", out var korean)); // year-first forms stay
        Assert.Equal(March2, korean);
        Assert.Contains("MM/dd/yyyy (--date-format)", parser.DateForms);
    }

    [Theory]
    [InlineData("2026-03-02T14:05:09Z", "2026-03-02T14:05:09+00:00")]
    [InlineData("2026-03-02 14:05:09", "2026-03-02T14:05:09+00:00")]
    [InlineData("2026-03-02T14:05:09.25+09:00", "2026-03-02T05:05:09.25+00:00")]
    [InlineData("2026-03-02 14:05:09 +0900", "2026-03-02T05:05:09+00:00")]
    [InlineData("2026-03-02 14:05 KST", "2026-03-02T05:05:00+00:00")]
    [InlineData("2026.03.02 14:05", "2026-03-02T14:05:00+00:00")]
    [InlineData("2026/03/02 2:05:09 PM", "2026-03-02T14:05:09+00:00")]
    [InlineData("2026-03-02 오후 2:05:09", "2026-03-02T14:05:09+00:00")]
    [InlineData("2026-03-02 오전 12:30", "2026-03-02T00:30:00+00:00")]
    [InlineData("2026. 3. 2. 오후 12:05:00", "2026-03-02T12:05:00+00:00")]
    [InlineData("2026년 3월 2일 14시 5분 9초", "2026-03-02T14:05:09+00:00")]
    [InlineData("2026년 3월 2일 오후 2시", "2026-03-02T14:00:00+00:00")]
    [InlineData("20260302140509", "2026-03-02T14:05:09+00:00")]
    [InlineData("20260302T1405", "2026-03-02T14:05:00+00:00")]
    [InlineData("02.03.2026 14:05", "2026-03-02T14:05:00+00:00")]
    [InlineData("2026-03-02", "2026-03-02T00:00:00+00:00")]
    [InlineData("1772460309", "2026-03-02T14:05:09+00:00")]
    [InlineData("1772460309250", "2026-03-02T14:05:09.25+00:00")]
    public void TryParseDateTime_BuiltInForms_AreRead(string text, string expected)
    {
        Assert.True(new DateParser().TryParseDateTime(text, out var time), text);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Theory]
    [InlineData("2026-03-02 24:00")]
    [InlineData("2026-03-02 13:05 PM")]
    [InlineData("2026-03-02 14:60")]
    [InlineData("2026-03-02 오후")]
    [InlineData("2026-03-02 14:05 +15:00")]
    [InlineData("20260302 1405")]
    public void TryParseDateTime_ImpossibleTimes_AreRefused(string text) => Assert.False(new DateParser().TryParseDateTime(text, out _), text);

    [Fact]
    public void TryParseDateTime_WithoutOffset_IsLocalTimeInTheZoneGiven()
    {
        var seoul = new DateParser(zone: TimeZoneParser.Parse("Asia/Seoul"));
        var berlin = new DateParser(zone: TimeZoneParser.Parse("Europe/Berlin"));

        Assert.True(seoul.TryParseDateTime("2026-03-02 09:00", out var inSeoul));
        Assert.True(seoul.TryParseDateTime("2026-03-02T09:00Z", out var explicitUtc));
        Assert.True(berlin.TryParseDateTime("2026-07-01 12:00", out var berlinSummer));

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero), inSeoul);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), explicitUtc);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero), berlinSummer);
    }

    [Fact]
    public void TryParseDateTime_WithAFormatWithoutOffset_IsInTheZone_WithOffset_AsWritten()
    {
        var parser = new DateParser(["dd-MM-yy HH:mm", "dd-MM-yy HH:mm zzz"], TimeZoneParser.Parse("+09:00"));

        Assert.True(parser.TryParseDateTime("02-03-26 09:30", out var local));
        Assert.True(parser.TryParseDateTime("02-03-26 09:30 +01:00", out var withOffset));

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 30, 0, TimeSpan.Zero), local);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero), withOffset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("%")]
    public void BadFormat_IsRefusedUpFront(string format) =>
        Assert.Contains("--date-format", Assert.Throws<FormatException>(() => new DateParser([format])).Message);

    [Theory]
    [InlineData("Asia/Seoul", 9)]
    [InlineData("UTC", 0)]
    [InlineData("+09:00", 9)]
    [InlineData("UTC+9", 9)]
    [InlineData("-0330", -3.5)]
    public void TimeZones_ByNameOrOffset(string text, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), TimeZoneParser.Parse(text).GetUtcOffset(new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc)));

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("+15:00")]
    [InlineData("nine")]
    public void TimeZones_Unknown_AreRefused(string text) => Assert.Throws<FormatException>(() => TimeZoneParser.Parse(text));
}
