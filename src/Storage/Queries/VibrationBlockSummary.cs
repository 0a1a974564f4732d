namespace SensorStream.Storage.Queries;

/// <summary>One stored vibration block with its samples and their root mean square.</summary>
/// <param name="MachineId">Machine, e.g. <c>g1</c>.</param>
/// <param name="SensorId">Sensor on the machine, e.g. <c>sensor1</c>.</param>
/// <param name="EventTime">Time of the first sample, UTC.</param>
/// <param name="SampleRateHz">Samples per second.</param>
/// <param name="ShaftSpeedRpm">Shaft speed when known, revolutions per minute.</param>
/// <param name="RmsG">Root mean square of the samples, g.</param>
/// <param name="Samples">Acceleration samples, g.</param>
public sealed record VibrationBlockSummary(string MachineId, string SensorId, DateTimeOffset EventTime, double SampleRateHz, double? ShaftSpeedRpm, double RmsG,
    IReadOnlyList<float> Samples);
