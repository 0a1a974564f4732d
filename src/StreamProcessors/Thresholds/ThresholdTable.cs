using System.Collections.Immutable;
using SensorStream.Contracts.Events;

namespace SensorStream.StreamProcessors.Thresholds;

/// <summary>
/// Thresholds per (sensor type, metric), immutable: edits produce a new table, so processors read a consistent
/// snapshot without locks. Starts from built-in defaults; the <c>config.thresholds</c> topic overrides them.
/// </summary>
internal sealed class ThresholdTable
{
    private readonly ImmutableDictionary<(string SensorType, string Metric), ThresholdConfig> _entries;

    private ThresholdTable(ImmutableDictionary<(string, string), ThresholdConfig> entries)
    {
        _entries = entries;
    }

    /// <summary>Every entry.</summary>
    public IEnumerable<ThresholdConfig> Entries => _entries.Values;

    /// <summary>The thresholds of <paramref name="metric"/> for <paramref name="sensorType"/>, or null when none apply.</summary>
    public ThresholdConfig? Find(string sensorType, string metric) => _entries.GetValueOrDefault((sensorType, metric));

    /// <summary>A table with <paramref name="config"/> replacing its key's entry.</summary>
    public ThresholdTable With(ThresholdConfig config) => new(_entries.SetItem((config.SensorType, config.Metric), config));

    /// <summary>A table without the entry for this key (a tombstone on the topic).</summary>
    public ThresholdTable Without(string sensorType, string metric) => new(_entries.Remove((sensorType, metric)));

    /// <summary>Built-in thresholds for the default sensor types, in °C, % and g.</summary>
    public static ThresholdTable Defaults { get; } = new(new (string Type, string Metric, string Unit, double? WarnAbove, double? CritAbove, double? WarnBelow, double? CritBelow)[]
    {
        ("production", "temperature_c", "degC", 32, 38, 12, 8),
        ("production", "humidity_pct", "percent", 70, 85, 25, 15),
        ("production", "perceived_temperature_c", "degC", 35, 41, null, null),
        ("office", "temperature_c", "degC", 27, 31, 18, 15),
        ("office", "humidity_pct", "percent", 65, 80, 25, 15),
        ("office", "perceived_temperature_c", "degC", 30, 35, null, null),
        ("warehouse", "temperature_c", "degC", 28, 34, 5, 2),
        ("warehouse", "humidity_pct", "percent", 80, 90, 20, 10),
        ("warehouse", "perceived_temperature_c", "degC", 32, 38, null, null),
        ("server_room", "temperature_c", "degC", 27, 32, 15, 10),
        ("server_room", "humidity_pct", "percent", 60, 70, 20, 10),
        ("server_room", "perceived_temperature_c", "degC", 28, 33, null, null),
        ("vibration", "rms_g", "g", 0.35, 0.6, null, null),
    }.ToImmutableDictionary(
        d => (d.Type, d.Metric),
        d => new ThresholdConfig(d.Type, d.Metric, d.Unit, d.WarnAbove, d.CritAbove, d.WarnBelow, d.CritBelow, DateTimeOffset.UnixEpoch)));
}
