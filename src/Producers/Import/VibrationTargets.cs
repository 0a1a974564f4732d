namespace SensorStream.Producers.Import;

/// <summary>
/// Which machine and sensor each legacy vibration file is imported as: the flags when given, otherwise what the file's
/// name says (<see cref="LegacyRecordingName"/>). Two files may not land on the same machine and sensor: their blocks
/// would carry the same keys and event times, and the second would overwrite the first in the database.
/// </summary>
public static class VibrationTargets
{
    /// <summary>One file and where its blocks go.</summary>
    /// <param name="File">The file's path.</param>
    /// <param name="MachineId">Machine id of its blocks.</param>
    /// <param name="SensorId">Sensor id of its blocks (before any per-column suffix).</param>
    /// <param name="Inferred">Whether either id came from the file name.</param>
    public sealed record Target(string File, string MachineId, string SensorId, bool Inferred);

    /// <summary>Resolves every file; throws <see cref="FormatException"/> naming the files whose ids are unknown or shared.</summary>
    public static IReadOnlyList<Target> Resolve(IReadOnlyList<string> files, string? machineId, string? sensorId)
    {
        if (machineId is { Length: 0 } || sensorId is { Length: 0 })
        {
            throw new FormatException("--machine and --sensor must not be empty");
        }
        var targets = new List<Target>();
        var unnamed = new List<string>();
        foreach (var file in files)
        {
            var named = LegacyRecordingName.TryParse(file, out var fileMachine, out var fileSensor);
            if ((machineId is null || sensorId is null) && !named)
            {
                unnamed.Add(Path.GetFileName(file));
                continue;
            }
            targets.Add(new Target(file, machineId ?? fileMachine, sensorId ?? fileSensor, machineId is null || sensorId is null));
        }
        if (unnamed.Count > 0)
        {
            throw new FormatException($"cannot tell the machine and sensor of {string.Join(", ", unnamed)}: name the files like g1_sensor1.csv, or give --machine and --sensor");
        }
        var shared = targets.GroupBy(t => (t.MachineId, t.SensorId)).FirstOrDefault(g => g.Count() > 1);
        if (shared is not null)
        {
            throw new FormatException($"{string.Join(" and ", shared.Select(t => Path.GetFileName(t.File)))} would all be imported as {shared.Key.MachineId}/{shared.Key.SensorId} " +
                "with the same event times, and each would overwrite the other; import them one at a time with their own --sensor, or name them like g1_sensor1.csv");
        }
        return targets;
    }
}
