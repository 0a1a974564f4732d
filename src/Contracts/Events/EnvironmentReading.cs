namespace SensorStream.Contracts.Events;

/// <summary>One reading of an environment sensor (<c>sensorstream.v1.EnvironmentReading</c>, topic <c>sensors.environment</c>, key = sensor id).</summary>
/// <param name="SensorId">Sensor identifier.</param>
/// <param name="LocId">Location identifier (factory → building → floor → loc_id → area).</param>
/// <param name="EventTime">When the reading was taken, UTC; microsecond precision on the wire.</param>
/// <param name="TemperatureC">Air temperature, °C.</param>
/// <param name="HumidityPct">Relative humidity, % (0..100).</param>
/// <param name="PerceivedTemperatureC">Perceived temperature, °C, or null when the sensor does not report it.</param>
public sealed partial record EnvironmentReading(
    string SensorId,
    string LocId,
    DateTimeOffset EventTime,
    double TemperatureC,
    double HumidityPct,
    double? PerceivedTemperatureC);
