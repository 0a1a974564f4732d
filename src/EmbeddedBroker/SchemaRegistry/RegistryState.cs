using System.Text.Json;
using SensorStream.Contracts.Avro.Schemas;
using SensorStream.Contracts.SchemaRegistry;

namespace SensorStream.EmbeddedBroker.SchemaRegistry;

/// <summary>
/// The registry's contents, rebuilt by applying log records in order. Every change goes through <see cref="Apply"/>, both on
/// replay and live, so what is on disk and what is served cannot drift apart.
/// </summary>
internal sealed class RegistryState
{
    public Dictionary<int, StoredSchema> SchemasById { get; } = [];

    public Dictionary<string, int> IdsByText { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SubjectState> Subjects { get; } = new(StringComparer.Ordinal);

    public CompatibilityLevel GlobalLevel { get; private set; } = CompatibilityLevel.Backward;

    public int NextId => SchemasById.Count == 0 ? 1 : SchemasById.Keys.Max() + 1;

    public void Apply(JsonElement record)
    {
        switch (record.GetProperty("op").GetString())
        {
            case RegistryLog.OpSchema:
                var id = record.GetProperty("id").GetInt32();
                var text = record.GetProperty("schema").GetString()!;
                SchemasById[id] = new StoredSchema(id, text, AvroSchema.Parse(text));
                IdsByText[text] = id;
                break;
            case RegistryLog.OpVersion:
                var subject = GetOrAddSubject(record.GetProperty("subject").GetString()!);
                var version = record.GetProperty("version").GetInt32();
                subject.Versions[version] = new SubjectVersion(version, record.GetProperty("id").GetInt32());
                break;
            case RegistryLog.OpDeleteVersion:
                var owner = Subjects[record.GetProperty("subject").GetString()!];
                var deleted = record.GetProperty("version").GetInt32();
                if (record.GetProperty("permanent").GetBoolean())
                {
                    owner.Versions.Remove(deleted);
                    if (owner.Versions.Count == 0 && owner.Level is null)
                    {
                        Subjects.Remove(owner.Name);
                    }
                }
                else
                {
                    owner.Versions[deleted].Deleted = true;
                }
                break;
            case RegistryLog.OpConfig:
                var level = record.GetProperty("level").ValueKind == JsonValueKind.Null
                    ? (CompatibilityLevel?)null
                    : Enum.Parse<CompatibilityLevel>(record.GetProperty("level").GetString()!);
                if (record.GetProperty("subject").GetString() is { } configured)
                {
                    var target = GetOrAddSubject(configured);
                    target.Level = level;
                    if (level is null && target.Versions.Count == 0)
                    {
                        Subjects.Remove(configured);
                    }
                }
                else
                {
                    GlobalLevel = level ?? CompatibilityLevel.Backward;
                }
                break;
            case var other:
                throw new InvalidDataException($"unknown registry log operation '{other}'");
        }
    }

    private SubjectState GetOrAddSubject(string name)
    {
        if (!Subjects.TryGetValue(name, out var subject))
        {
            subject = new SubjectState(name);
            Subjects[name] = subject;
        }
        return subject;
    }
}
