using SensorStream.Contracts.SchemaRegistry;

namespace SensorStream.EmbeddedBroker.SchemaRegistry;

/// <summary>A subject: its versions (ascending) and its own compatibility level, if set.</summary>
internal sealed class SubjectState(string name)
{
    public string Name { get; } = name;

    public SortedDictionary<int, SubjectVersion> Versions { get; } = [];

    public CompatibilityLevel? Level { get; set; }

    public IEnumerable<SubjectVersion> Live => Versions.Values.Where(v => !v.Deleted);

    public bool HasLive => Versions.Values.Any(v => !v.Deleted);

    /// <summary>Versions keep counting after deletes so a number never means two schemas.</summary>
    public int NextVersion => Versions.Count == 0 ? 1 : Versions.Keys.Max() + 1;
}
