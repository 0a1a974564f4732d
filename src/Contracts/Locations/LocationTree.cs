using SensorStream.Contracts.Csv;

namespace SensorStream.Contracts.Locations;

/// <summary>
/// The environment sensors and their place in the factory → building → floor → loc_id → area hierarchy, read from a
/// CSV file with the header <c>factory,building,floor,loc_id,area,sensor_id,sensor_type</c>. The default tree (240
/// sensors in two factories, five buildings) is built in; facility managers replace it with their own file.
/// </summary>
public sealed class LocationTree
{
    private static readonly string[] Columns = ["factory", "building", "floor", "loc_id", "area", "sensor_id", "sensor_type"];
    private readonly Dictionary<string, SensorLocation> _bySensor;

    private LocationTree(IReadOnlyList<SensorLocation> sensors)
    {
        Sensors = sensors;
        _bySensor = sensors.ToDictionary(s => s.SensorId, StringComparer.Ordinal);
    }

    /// <summary>Every sensor, in file order.</summary>
    public IReadOnlyList<SensorLocation> Sensors { get; }

    /// <summary>The sensor with this id, or null.</summary>
    public SensorLocation? Find(string sensorId) => _bySensor.GetValueOrDefault(sensorId);

    /// <summary>The built-in tree.</summary>
    public static LocationTree Default { get; } = LoadDefault();

    private static LocationTree LoadDefault()
    {
        using var stream = typeof(LocationTree).Assembly.GetManifestResourceStream("SensorStream.Contracts.Locations.locations.csv")
            ?? throw new InvalidOperationException("the default locations.csv is not embedded");
        using var reader = new StreamReader(stream);
        return Parse(reader, "built-in locations.csv");
    }

    /// <summary>Reads a tree from a file.</summary>
    /// <exception cref="FormatException">The file is not a valid location list (the message names the line and problem).</exception>
    public static LocationTree Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Reads a tree; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="FormatException">Missing columns, empty values, duplicate sensor ids, or a location split across floors.</exception>
    public static LocationTree Parse(TextReader text, string source)
    {
        var csv = new CsvReader(text);
        var header = csv.Read() ?? throw new FormatException($"{source}: empty file");
        var index = Columns.ToDictionary(c => c, c => header.Fields.ToList().FindIndex(f => string.Equals(f, c, StringComparison.OrdinalIgnoreCase)));
        var missing = index.Where(i => i.Value < 0).Select(i => i.Key).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"{source}: missing column(s) {string.Join(", ", missing)}; expected {string.Join(",", Columns)}");
        }
        var sensors = new List<SensorLocation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var floorOfLocation = new Dictionary<string, string>(StringComparer.Ordinal);
        while (csv.Read() is { } row)
        {
            string Field(string column) =>
                index[column] < row.Fields.Count && row.Fields[index[column]] is { Length: > 0 } value
                    ? value
                    : throw new FormatException($"{source} line {row.LineNumber}: '{column}' is empty");
            var sensor = new SensorLocation(Field("sensor_id"), Field("factory"), Field("building"), Field("floor"), Field("loc_id"), Field("area"), Field("sensor_type"));
            if (!seen.Add(sensor.SensorId))
            {
                throw new FormatException($"{source} line {row.LineNumber}: sensor '{sensor.SensorId}' is listed twice");
            }
            if (floorOfLocation.TryGetValue(sensor.LocId, out var floor) && floor != sensor.FloorId)
            {
                throw new FormatException($"{source} line {row.LineNumber}: location '{sensor.LocId}' is on {floor} and {sensor.FloorId}");
            }
            floorOfLocation[sensor.LocId] = sensor.FloorId;
            sensors.Add(sensor);
        }
        return sensors.Count == 0 ? throw new FormatException($"{source}: no sensors") : new LocationTree(sensors);
    }
}
