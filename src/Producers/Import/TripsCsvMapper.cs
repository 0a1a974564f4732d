using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SensorStream.Contracts.Csv;
using SensorStream.Contracts.Events;
using SensorStream.Producers.Publishing;

namespace SensorStream.Producers.Import;

/// <summary>
/// A truck owner's trip log as CSV, one trip per row, columns by header name (any order, case-insensitive):
/// <c>date</c> (yyyy-MM-dd, dd/MM/yyyy or dd.MM.yyyy), <c>truck</c>, <c>odometer_start</c>, <c>odometer_end</c>,
/// <c>distance_km</c>, <c>fuel_l</c>, <c>fuel_cost</c>, <c>toll</c>, <c>revenue</c>, <c>origin</c>, <c>destination</c>,
/// and optionally <c>entered_at</c> (ISO 8601; default 20:00 UTC on the trip date) and <c>trip_id</c> (a GUID; default
/// derived from the row's content, so re-importing the same file gives the same ids). Empty numeric cells mean "not
/// entered". A row needs a date, a truck, an origin, a destination and either both odometer readings or a distance.
/// Rows whose numbers disagree (end below start) are kept: spotting those mistakes is the anomaly detector's job.
/// </summary>
public sealed class TripsCsvMapper : IRowMapper<TripRecord>
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy", "d.M.yyyy"];
    private static readonly string[] Required = ["date", "truck", "origin", "destination"];
    private readonly Dictionary<string, int> _columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);

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
        if (!DateOnly.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new RowRejectedException($"date '{dateText}' is not yyyy-MM-dd, dd/MM/yyyy or dd.MM.yyyy");
        }
        var truck = RequiredText("truck");
        var start = Number(Text("odometer_start"), "odometer_start");
        var end = Number(Text("odometer_end"), "odometer_end");
        var distance = Number(Text("distance_km"), "distance_km");
        if (distance is null && (start is null || end is null))
        {
            throw new RowRejectedException("neither distance_km nor both odometer readings are entered");
        }
        var enteredAt = Text("entered_at") is { Length: > 0 } entered
            ? DateTimeOffset.TryParse(entered, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
                ? at
                : throw new RowRejectedException($"entered_at '{entered}' is not a date and time")
            : new DateTimeOffset(date.ToDateTime(new TimeOnly(20, 0)), TimeSpan.Zero);
        var tripId = Text("trip_id") is { Length: > 0 } id
            ? Guid.TryParse(id, out var parsed) ? parsed : throw new RowRejectedException($"trip_id '{id}' is not a GUID")
            : ContentId(truck, date, row.Text);
        var record = new TripRecord(truck, tripId, date, start, end, distance, Number(Text("fuel_l"), "fuel_l"),
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

    private static double? Number(string text, string column)
    {
        if (text.Length == 0)
        {
            return null;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
            ? value
            : throw new RowRejectedException($"{column} '{text}' is not a non-negative number");
    }

    private static decimal? Money(string text, string column)
    {
        if (text.Length == 0)
        {
            return null;
        }
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new RowRejectedException($"{column} '{text}' is not a non-negative amount");
        }
        return decimal.Round(value, 2) == value && value < 10_000_000_000m
            ? value
            : throw new RowRejectedException($"{column} {text} needs at most 2 decimals and 12 digits");
    }
}
