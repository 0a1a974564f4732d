using System.Security.Cryptography;
using System.Text;
using SensorStream.Contracts.Csv;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Import.Parsing;
using SensorStream.Producers.Publishing;

namespace SensorStream.Producers.Import;

/// <summary>
/// A truck owner's trip log as CSV, one trip per row, columns by header name (any order, case-insensitive):
/// <c>date</c> (any form <see cref="DateParser"/> reads: ISO, yyyy.MM.dd, yyyy/MM/dd, yyyyMMdd, Korean
/// <c>yyyy년 M월 d일</c>, dd/MM/yyyy, dd.MM.yyyy, or the <c>--date-format</c> given), <c>truck</c>,
/// <c>odometer_start</c>, <c>odometer_end</c>, <c>distance_km</c>, <c>fuel_l</c>, <c>fuel_cost</c>, <c>toll</c>,
/// <c>revenue</c>, <c>origin</c>, <c>destination</c>, and optionally <c>entered_at</c> (a date and time; default 20:00
/// on the trip date; local times in the parser's zone, UTC unless given) and <c>trip_id</c> (a GUID; default derived
/// from the row's content, so re-importing the same file gives the same ids). Numbers may carry thousands separators
/// and money a currency sign (<see cref="NumberParser"/>). Empty numeric cells mean "not entered". A row needs a date, a
/// truck, an origin, a destination and either both odometer readings or a distance. Rows whose numbers disagree (end
/// below start) are kept: spotting those mistakes is the anomaly detector's job.
/// </summary>
/// <param name="dates">How dates and times are read. Default: the built-in forms, UTC.</param>
public sealed class TripsCsvMapper(DateParser? dates = null) : IRowMapper<TripRecord>
{
    private static readonly string[] Required = ["date", "truck", "origin", "destination"];
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);
    private readonly DateParser _dates = dates ?? new DateParser();

    /// <inheritdoc/>
    public void ReadHeader(CsvRow header)
    {
        for (var i = 0; i < header.Fields.Count; i++)
        {
            _columns[header.Fields[i]] = i;
        }
        var missing = Required.Where(c => !_columns.ContainsKey(c)).ToList();
        if (!_columns.ContainsKey("distance_km") && !(_columns.ContainsKey("odometer_start") && _columns.ContainsKey("odometer_end")))
        {
            missing.Add("distance_km (or odometer_start and odometer_end)");
        }
        if (missing.Count > 0)
        {
            throw new FormatException($"line {header.LineNumber}: missing column(s) {string.Join(", ", missing)}");
        }
    }

    /// <inheritdoc/>
    public IEnumerable<OutgoingEvent<TripRecord>> Map(CsvRow row)
    {
        string Text(string column) => _columns.TryGetValue(column, out var i) && i < row.Fields.Count ? row.Fields[i] : string.Empty;
        string RequiredText(string column) => Text(column) is { Length: > 0 } value ? value : throw new RowRejectedException($"{column} is empty");

        var dateText = RequiredText("date");
        if (!_dates.TryParseDate(dateText, out var date))
        {
            throw new RowRejectedException($"date '{dateText}' is not {_dates.DateForms}");
        }
        var truck = RequiredText("truck");
        // Odometers and distances are whole kilometres or tenths, so "120,500" can only mean 120 500.
        var start = Number(Text("odometer_start"), "odometer_start", maxDecimals: 1);
        var end = Number(Text("odometer_end"), "odometer_end", maxDecimals: 1);
        var distance = Number(Text("distance_km"), "distance_km", maxDecimals: 1);
        if (distance is null && (start is null || end is null))
        {
            throw new RowRejectedException("neither distance_km nor both odometer readings are entered");
        }
        var enteredAt = Text("entered_at") is { Length: > 0 } entered
            ? _dates.TryParseDateTime(entered, out var at)
                ? at
                : throw new RowRejectedException($"entered_at '{entered}' is not a date and time")
            : _dates.InZone(date.ToDateTime(new TimeOnly(20, 0)));
        var tripId = Text("trip_id") is { Length: > 0 } id
            ? Guid.TryParse(id, out var parsed) ? parsed : throw new RowRejectedException($"trip_id '{id}' is not a GUID")
            : ContentId(truck, date, row.Text);
        var record = new TripRecord(truck, tripId, date, start, end, distance, Number(Text("fuel_l"), "fuel_l", maxDecimals: 3),
            Money(Text("fuel_cost"), "fuel_cost"), Money(Text("toll"), "toll"), Money(Text("revenue"), "revenue"),
            RequiredText("origin"), RequiredText("destination"), enteredAt);
        return [new OutgoingEvent<TripRecord>(truck, record, enteredAt, [])];
    }

    /// <inheritdoc/>
    public IEnumerable<OutgoingEvent<TripRecord>> Complete() => [];

    /// <summary>A name-based id from the row's content and how often that content occurred before, so true duplicates keep distinct ids.</summary>
    private Guid ContentId(string truck, DateOnly date, string rowText)
    {
        var key = $"{truck}|{date:yyyy-MM-dd}|{rowText.Trim()}";
        var occurrence = _occurrences[key] = _occurrences.GetValueOrDefault(key) + 1;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{key}|{occurrence}"));
        hash[7] = (byte)((hash[7] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }

    private static double? Number(string text, string column, int maxDecimals)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (!NumberParser.TryParse(text, money: false, maxDecimals, out var value, out var problem))
        {
            throw new RowRejectedException($"{column} '{text}' {problem}");
        }
        return value >= 0 ? (double)value : throw new RowRejectedException($"{column} '{text}' is not a non-negative number");
    }

    private static decimal? Money(string text, string column)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (!NumberParser.TryParse(text, money: true, maxDecimals: 2, out var value, out var problem))
        {
            throw new RowRejectedException($"{column} '{text}' {problem}");
        }
        if (value < 0)
        {
            throw new RowRejectedException($"{column} '{text}' is not a non-negative amount");
        }
        return decimal.Round(value, 2) == value && value < 10_000_000_000m
            ? value
            : throw new RowRejectedException($"{column} {text} needs at most 2 decimals and 12 digits (a dot is a decimal point; to group thousands with dots, write the decimals after a comma: 12.500,00)");
    }
}
