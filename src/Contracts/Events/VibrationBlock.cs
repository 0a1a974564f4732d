namespace SensorStream.Contracts.Events;

/// <summary>
/// A block of consecutive acceleration samples from one sensor on one machine (<c>sensorstream.v1.VibrationBlock</c>, topic
/// <c>sensors.vibration</c>, key = sensor id).
/// </summary>
/// <param name="MachineId">Machine identifier, e.g. <c>g1</c>.</param>
/// <param name="SensorId">Sensor identifier, e.g. <c>sensor1</c>.</param>
/// <param name="EventTime">Time of the first sample, UTC; microsecond precision on the wire.</param>
/// <param name="SampleRateHz">Samples per second, Hz.</param>
/// <param name="ShaftSpeedRpm">Shaft speed in revolutions per minute, or null when unknown.</param>
/// <param name="Samples">Acceleration samples in g, evenly spaced at <paramref name="SampleRateHz"/>.</param>
public sealed partial record VibrationBlock(
    string MachineId,
    string SensorId,
    DateTimeOffset EventTime,
    double SampleRateHz,
    double? ShaftSpeedRpm,
    float[] Samples);
