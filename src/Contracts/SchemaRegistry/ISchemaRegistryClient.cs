namespace SensorStream.Contracts.SchemaRegistry;

/// <summary>
/// The Confluent Schema Registry REST API, as SensorStream uses it. Implemented by <see cref="SchemaRegistryClient"/>, which
/// works against the embedded broker's registry and Confluent's alike. Failures throw <see cref="SchemaRegistryException"/>.
/// </summary>
public interface ISchemaRegistryClient
{
    /// <summary>Registers <paramref name="schema"/> under <paramref name="subject"/> (or finds it already there) and returns its global id.</summary>
    Task<int> RegisterSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default);

    /// <summary>Finds the version of <paramref name="subject"/> whose schema is <paramref name="schema"/> without registering.</summary>
    Task<RegisteredSchema> LookupSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default);

    /// <summary>The schema text with global id <paramref name="id"/>.</summary>
    Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>The latest version of <paramref name="subject"/>.</summary>
    Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>Version <paramref name="version"/> of <paramref name="subject"/>.</summary>
    Task<RegisteredSchema> GetSchemaVersionAsync(string subject, int version, CancellationToken cancellationToken = default);

    /// <summary>Every subject that has a live version.</summary>
    Task<IReadOnlyList<string>> GetSubjectsAsync(CancellationToken cancellationToken = default);

    /// <summary>The live versions of <paramref name="subject"/>, ascending.</summary>
    Task<IReadOnlyList<int>> GetVersionsAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="schema"/> may be registered next to <paramref name="version"/> (null: the latest) under the subject's level.</summary>
    Task<bool> IsCompatibleAsync(string subject, string schema, int? version = null, CancellationToken cancellationToken = default);

    /// <summary>The compatibility level of <paramref name="subject"/>, or the global one when <paramref name="subject"/> is null.</summary>
    Task<CompatibilityLevel> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default);

    /// <summary>Sets the compatibility level of <paramref name="subject"/>, or the global one when <paramref name="subject"/> is null.</summary>
    Task SetCompatibilityAsync(CompatibilityLevel level, string? subject = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a subject (soft, or permanent after a soft delete) and returns the versions it had.</summary>
    Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent = false, CancellationToken cancellationToken = default);

    /// <summary>Deletes one version (soft, or permanent after a soft delete) and returns its number.</summary>
    Task<int> DeleteVersionAsync(string subject, int version, bool permanent = false, CancellationToken cancellationToken = default);
}
