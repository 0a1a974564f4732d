using SensorStream.Contracts.Avro.Resolution;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.SchemaRegistry;

/// <summary>Applies a <see cref="CompatibilityLevel"/> to a candidate schema and a subject's existing versions, as the registry does on register.</summary>
public static class CompatibilityPolicy
{
    /// <summary>Checks <paramref name="candidate"/> against <paramref name="existingOldestFirst"/> under <paramref name="level"/>.</summary>
    /// <returns>The problems found, each naming the version it concerns; empty when the candidate is compatible.</returns>
    public static IReadOnlyList<string> Check(CompatibilityLevel level, AvroSchema candidate, IReadOnlyList<(int Version, AvroSchema Schema)> existingOldestFirst)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(existingOldestFirst);
        if (level == CompatibilityLevel.None || existingOldestFirst.Count == 0)
        {
            return [];
        }
        var against = level.IsTransitive() ? existingOldestFirst : [existingOldestFirst[^1]];
        var problems = new List<string>();
        foreach (var (version, schema) in against)
        {
            if (level.ChecksBackward())
            {
                problems.AddRange(SchemaCompatibility.CanRead(reader: candidate, writer: schema)
                    .Select(p => $"new schema cannot read data written with version {version}: {p}"));
            }
            if (level.ChecksForward())
            {
                problems.AddRange(SchemaCompatibility.CanRead(reader: schema, writer: candidate)
                    .Select(p => $"version {version} cannot read data written with the new schema: {p}"));
            }
        }
        return problems;
    }
}
