using System.Globalization;
using SensorStream.Contracts.Csv;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.Locations;
using SensorStream.Producers.Import.Parsing;
using SensorStream.Producers.Publishing;

namespace SensorStream.Producers.Import;

/// <summary>
/// Environment readings in the layout <c>sensor_id, capture_dt, temperature, humidity, pcv_temperature</c> (the last
/// optional). <c>capture_dt</c> is a date and time in any form <see cref="DateParser"/> reads (ISO 8601,
/// <c>yyyy-MM-dd HH:mm:ss</c>, <c>yyyy.MM.dd HH:mm</c>, <c>yyyyMMddHHmmss</c>, <c>2026년 3월 2일 오후 2:05</c>, or the
/// <c>--date-format</c> given), local time in the parser's zone (UTC unless given) unless it carries an offset.
/// Numbers may use a decimal comma (<c>21,5</c>). The location comes from the location tree; a sensor not in it gets
/// the location its id names (the id without its last <c>-area</c> part). Values outside physical range (−60…100 °C,
/// 0…100 %) are rejected, not clamped.
/// </summary>
/// <param name="tree">Maps sensor ids to their location.</param>
/// <param name="dates">How capture times are read. Default: the built-in forms, UTC.</param>
public sealed class EnvironmentCsvMapper(LocationTree tree, DateParser? dates = null) : IRowMapper<EnvironmentReading>
{
    private readonly DateParser _dates = dates ?? new DateParser();
    private int _sensor = -1;
    private int _time = -1;
    private int _temperature = -1;
    private int _humidity = -1;
    private int _perceived = -1;

    /// <inheritdoc/>
    public void ReadHeader(CsvRow header)
    {
        int Find(string name) => header.Fields.ToList().FindIndex(f => f.Equals(name, StringComparison.OrdinalIgnoreCase));
        (_sensor, _time, _temperature, _humidity, _perceived) = (Find("sensor_id"), Find("capture_dt"), Find("temperature"), Find("humidity"), Find("pcv_temperature"));
        var missing = new[] { ("sensor_id", _sensor), ("capture_dt", _time), ("temperature", _temperature), ("humidity", _humidity) }.Where(c => c.Item2 < 0).Select(c => c.Item1).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"line {header.LineNumber}: missing column(s) {string.Join(", ", missing)}; expected sensor_id, capture_dt, temperature, humidity, pcv_temperature");
        }
    }

    /// <inheritdoc/>
    public IEnumerable<OutgoingEvent<EnvironmentReading>> Map(CsvRow row)
    {
        string Field(int index, string name) => index < row.Fields.Count ? row.Fields[index] : throw new RowRejectedException($"no {name} value ({row.Fields.Count} fields)");
        var sensorId = Field(_sensor, "sensor_id");
        if (sensorId.Length == 0)
        {
            throw new RowRejectedException("sensor_id is empty");
        }
        var timeText = Field(_time, "capture_dt");
        if (!_dates.TryParseDateTime(timeText, out var time))
        {
            throw new RowRejectedException($"capture_dt '{timeText}' is not a date and time");
        }
        var temperature = Number(Field(_temperature, "temperature"), "temperature", -60, 100);
        var humidity = Number(Field(_humidity, "humidity"), "humidity", 0, 100);
        double? perceived = _perceived >= 0 && _perceived < row.Fields.Count && row.Fields[_perceived].Length > 0
            ? Number(row.Fields[_perceived], "pcv_temperature", -80, 120)
            : null;
        var locId = tree.Find(sensorId)?.LocId ?? (sensorId.LastIndexOf('-') is var dash and > 0 ? sensorId[..dash] : sensorId);
        return [new OutgoingEvent<EnvironmentReading>(sensorId, new EnvironmentReading(sensorId, locId, time, temperature, humidity, perceived), time, [])];
    }

    /// <inheritdoc/>
    public IEnumerable<OutgoingEvent<EnvironmentReading>> Complete() => [];

    private static double Number(string text, string name, double min, double max)
    {
        // Three decimals are plausible for a sensor, so "21,500" is refused as ambiguous rather than read as 21 500.
        if (!NumberParser.TryParse(text, money: false, maxDecimals: 3, out var parsed, out var problem))
        {
            throw new RowRejectedException($"{name} '{text}' {problem}");
        }
        var value = (double)parsed;
        return value < min || value > max
            ? throw new RowRejectedException($"{name} {value.ToString(CultureInfo.InvariantCulture)} is outside {min.ToString(CultureInfo.InvariantCulture)}…{max.ToString(CultureInfo.InvariantCulture)}")
            : value;
    }
}
