using System.Text.Json.Nodes;
using SensorStream.Contracts.Avro.Parsing;
using SensorStream.Contracts.Avro.Schemas;
using SensorStream.Contracts.SchemaRegistry;

namespace SensorStream.EmbeddedBroker.SchemaRegistry;

/// <summary>
/// The embedded Schema Registry's storage and rules, with Confluent's semantics: global schema ids (the same schema gets the
/// same id in every subject), per-subject versions, compatibility levels enforced on register, soft and permanent deletes.
/// Persisted as an append-only log in the directory it is given, fsynced before each change returns, so it survives
/// crashes and restarts with the same ids. Thread-safe. Errors throw <see cref="SchemaRegistryException"/> carrying
/// Confluent's error codes.
/// </summary>
public sealed partial class SchemaRegistryStore : IDisposable
{
    private readonly Lock _lock = new();
    private readonly RegistryState _state = new();
    private readonly RegistryLog _log;

    /// <summary>Opens the registry persisted in <paramref name="directory"/> (created if missing), e.g. <c>&lt;broker data dir&gt;/schema-registry</c>.</summary>
    /// <exception cref="InvalidDataException">The log is corrupt before its last record.</exception>
    public SchemaRegistryStore(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = directory;
        _log = RegistryLog.Open(directory, _state.Apply);
    }

    /// <summary>The directory holding the registry's log.</summary>
    public string Directory { get; }

    /// <summary>
    /// Registers <paramref name="schema"/> under <paramref name="subject"/>: returns the existing version when the subject
    /// already has this schema, else checks compatibility and adds a version.
    /// </summary>
    /// <param name="subject">The subject.</param>
    /// <param name="schema">The schema JSON text.</param>
    /// <param name="schemaType">The schema type; null or <c>AVRO</c> (the only type this registry serves).</param>
    /// <exception cref="SchemaRegistryException">42201 invalid schema, 409 incompatible.</exception>
    public RegisteredSchema Register(string subject, string schema, string? schemaType = null)
    {
        var parsed = Parse(schema, schemaType);
        var text = parsed.ToJson();
        lock (_lock)
        {
            _state.Subjects.TryGetValue(subject, out var existing);
            if (existing?.Live.FirstOrDefault(v => _state.SchemasById[v.SchemaId].Text == text) is { } same)
            {
                return ToRegistered(subject, same);
            }
            var problems = CompatibilityPolicy.Check(EffectiveLevel(existing), parsed, LiveSchemas(existing));
            if (problems.Count > 0)
            {
                throw new SchemaRegistryException(409, SchemaRegistryErrorCodes.IncompatibleSchema,
                    $"Schema being registered is incompatible with an earlier schema for subject \"{subject}\", details: [{string.Join("; ", problems)}]");
            }
            if (!_state.IdsByText.TryGetValue(text, out var id))
            {
                id = _state.NextId;
                Commit(new JsonObject { ["op"] = RegistryLog.OpSchema, ["id"] = id, ["schema"] = text });
            }
            var version = existing?.NextVersion ?? 1;
            Commit(new JsonObject { ["op"] = RegistryLog.OpVersion, ["subject"] = subject, ["version"] = version, ["id"] = id });
            return ToRegistered(subject, _state.Subjects[subject].Versions[version]);
        }
    }

    /// <summary>Finds the live version of <paramref name="subject"/> whose schema is <paramref name="schema"/>.</summary>
    /// <exception cref="SchemaRegistryException">40401 subject not found, 40403 schema not found, 42201 invalid schema.</exception>
    public RegisteredSchema Lookup(string subject, string schema, string? schemaType = null)
    {
        var text = Parse(schema, schemaType).ToJson();
        lock (_lock)
        {
            var state = LiveSubject(subject);
            var match = state.Live.FirstOrDefault(v => _state.SchemasById[v.SchemaId].Text == text)
                ?? throw new SchemaRegistryException(404, SchemaRegistryErrorCodes.SchemaNotFound, "Schema not found");
            return ToRegistered(subject, match);
        }
    }

    /// <summary>Subjects with at least one live version (or, with <paramref name="includeDeleted"/>, any version), sorted.</summary>
    public IReadOnlyList<string> GetSubjects(bool includeDeleted = false)
    {
        lock (_lock)
        {
            return _state.Subjects.Values
                .Where(s => includeDeleted ? s.Versions.Count > 0 : s.HasLive)
                .Select(s => s.Name)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>The live versions of <paramref name="subject"/>, ascending.</summary>
    /// <exception cref="SchemaRegistryException">40401 subject not found.</exception>
    public IReadOnlyList<int> GetVersions(string subject)
    {
        lock (_lock)
        {
            return LiveSubject(subject).Live.Select(v => v.Version).ToList();
        }
    }

    /// <summary>A live version of <paramref name="subject"/>; <paramref name="version"/> null means the latest.</summary>
    /// <exception cref="SchemaRegistryException">40401 subject not found, 40402 version not found.</exception>
    public RegisteredSchema GetVersion(string subject, int? version)
    {
        lock (_lock)
        {
            return ToRegistered(subject, LiveVersion(LiveSubject(subject), version));
        }
    }

    /// <summary>The schema text with global id <paramref name="id"/> (still served after its versions are deleted, as Confluent does).</summary>
    /// <exception cref="SchemaRegistryException">40403 schema not found.</exception>
    public string GetSchema(int id)
    {
        lock (_lock)
        {
            return _state.SchemasById.TryGetValue(id, out var stored)
                ? stored.Text
                : throw new SchemaRegistryException(404, SchemaRegistryErrorCodes.SchemaNotFound, "Schema not found");
        }
    }

    /// <summary>
    /// Checks <paramref name="schema"/> under the subject's level against one version (<paramref name="version"/>; null is the
    /// latest, which for transitive levels means every version), or against every version when <paramref name="allVersions"/>.
    /// </summary>
    /// <returns>The problems; empty when compatible.</returns>
    /// <exception cref="SchemaRegistryException">40401 subject not found, 40402 version not found, 42201 invalid schema.</exception>
    public IReadOnlyList<string> CheckCompatibility(string subject, int? version, string schema, bool allVersions = false, string? schemaType = null)
    {
        var parsed = Parse(schema, schemaType);
        lock (_lock)
        {
            var state = LiveSubject(subject);
            var level = EffectiveLevel(state);
            IReadOnlyList<(int, AvroSchema)> against = allVersions || (version is null && level.IsTransitive())
                ? LiveSchemas(state)
                : [ToPair(LiveVersion(state, version))];
            // The level's transitivity was applied above; check each chosen version on its own.
            var direct = level switch
            {
                CompatibilityLevel.BackwardTransitive => CompatibilityLevel.Backward,
                CompatibilityLevel.ForwardTransitive => CompatibilityLevel.Forward,
                CompatibilityLevel.FullTransitive => CompatibilityLevel.Full,
                _ => level,
            };
            return against.SelectMany(pair => CompatibilityPolicy.Check(direct, parsed, [pair])).ToList();
        }
    }

    /// <summary>Closes the log file.</summary>
    public void Dispose() => _log.Dispose();

    private static AvroSchema Parse(string schema, string? schemaType)
    {
        if (schemaType is not null && !string.Equals(schemaType, "AVRO", StringComparison.OrdinalIgnoreCase))
        {
            throw new SchemaRegistryException(422, SchemaRegistryErrorCodes.InvalidSchema, $"Invalid schema type {schemaType}: this registry serves AVRO only");
        }
        try
        {
            return AvroSchema.Parse(schema);
        }
        catch (AvroSchemaException e)
        {
            throw new SchemaRegistryException(422, SchemaRegistryErrorCodes.InvalidSchema, $"Invalid schema: {e.Message}", e);
        }
    }

    private void Commit(JsonObject record)
    {
        try
        {
            _log.Append(record);
        }
        catch (IOException e)
        {
            throw new SchemaRegistryException(500, SchemaRegistryErrorCodes.StoreError, $"Error while writing the registry log: {e.Message}", e);
        }
        using var document = System.Text.Json.JsonDocument.Parse(record.ToJsonString());
        _state.Apply(document.RootElement);
    }

    private CompatibilityLevel EffectiveLevel(SubjectState? subject) => subject?.Level ?? _state.GlobalLevel;

    private List<(int, AvroSchema)> LiveSchemas(SubjectState? subject) =>
        subject is null ? [] : subject.Live.Select(ToPair).ToList();

    private (int, AvroSchema) ToPair(SubjectVersion version) => (version.Version, _state.SchemasById[version.SchemaId].Parsed);

    private SubjectState LiveSubject(string subject) =>
        _state.Subjects.TryGetValue(subject, out var state) && state.HasLive ? state : throw SubjectNotFound(subject);

    private static SubjectVersion LiveVersion(SubjectState subject, int? version)
    {
        if (version is null)
        {
            return subject.Live.Last();
        }
        return subject.Versions.TryGetValue(version.Value, out var found) && !found.Deleted ? found : throw VersionNotFound(version.Value);
    }

    private RegisteredSchema ToRegistered(string subject, SubjectVersion version) =>
        new(subject, version.Version, version.SchemaId, _state.SchemasById[version.SchemaId].Text);

    private static SchemaRegistryException SubjectNotFound(string subject) =>
        new(404, SchemaRegistryErrorCodes.SubjectNotFound, $"Subject '{subject}' not found.");

    private static SchemaRegistryException VersionNotFound(int version) =>
        new(404, SchemaRegistryErrorCodes.VersionNotFound, $"Version {version} not found.");
}
