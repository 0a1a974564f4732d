namespace SensorStream.Storage.Queries;

/// <summary>The latest state of one environment sensor, with where it is and its threshold status per metric.</summary>
/// <param name="SensorId">Sensor id.</param>
/// <param name="Factory">Factory.</param>
/// <param name="Building">Building.</param>
/// <param name="Floor">Floor.</param>
/// <param name="LocId">Location id.</param>
/// <param name="SensorType">Sensor type (selects thresholds).</param>
/// <param name="ReadingTime">Event time of the latest reading, UTC; null when none was stored.</param>
/// <param name="TemperatureC">Latest temperature, °C.</param>
/// <param name="HumidityPct">Latest relative humidity, %.</param>
/// <param name="PerceivedTemperatureC">Latest perceived temperature, °C.</param>
/// <param name="Status">Latest status per metric (<c>temperature_c</c> → <c>Warning</c>…); metrics without a status change are absent.</param>
/// <param name="Stale">Whether the latest reading is older than the query's staleness limit (a dropout) or missing.</param>
public sealed record SensorSnapshot(string SensorId, string Factory, string Building, string Floor, string LocId, string SensorType, DateTimeOffset? ReadingTime,
    double? TemperatureC, double? HumidityPct, double? PerceivedTemperatureC, IReadOnlyDictionary<string, string> Status, bool Stale);
