using System.Text.RegularExpressions;

namespace SensorStream.Producers.Import;

/// <summary>
/// The machine and sensor a legacy vibration recording's file name gives: <c>g1_sensor1.csv</c>, <c>G2-Sensor3.csv</c>,
/// <c>g1 sensor4 2020-05-01.csv</c> — a machine id (letters then digits) and <c>sensor</c> with its number, separated
/// by <c>_</c>, <c>-</c> or spaces, anything after ignored. Ids are lower-cased, as the platform's machines are.
/// </summary>
public static partial class LegacyRecordingName
{
    /// <summary>Reads the machine and sensor from <paramref name="path"/>'s file name; false when it does not follow the pattern.</summary>
    public static bool TryParse(string path, out string machineId, out string sensorId)
    {
        var match = Pattern().Match(Path.GetFileNameWithoutExtension(path));
        machineId = match.Success ? match.Groups["machine"].Value.ToLowerInvariant() : string.Empty;
        sensorId = match.Success ? "sensor" + int.Parse(match.Groups["sensor"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        return match.Success;
    }

    [GeneratedRegex(@"^(?<machine>[A-Za-z]+\d+)[_\- ]+sensor[_\- ]?(?<sensor>\d{1,4})(?:$|[^0-9])", RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
