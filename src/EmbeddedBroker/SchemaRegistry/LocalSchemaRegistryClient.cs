using SensorStream.Contracts.SchemaRegistry;

namespace SensorStream.EmbeddedBroker.SchemaRegistry;

/// <summary>
/// An <see cref="ISchemaRegistryClient"/> that calls a <see cref="SchemaRegistryStore"/> in the same process, for
/// serializers running inside the embedded stack (and benchmarks) where an HTTP round trip would be pure overhead.
/// Same semantics and errors as the REST API.
/// </summary>
public sealed class LocalSchemaRegistryClient(SchemaRegistryStore store) : ISchemaRegistryClient
{
    /// <inheritdoc/>
    public Task<int> RegisterSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default) =>
        Run(() => store.Register(subject, schema).Id);

    /// <inheritdoc/>
    public Task<RegisteredSchema> LookupSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default) =>
        Run(() => store.Lookup(subject, schema));

    /// <inheritdoc/>
    public Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken = default) => Run(() => store.GetSchema(id));

    /// <inheritdoc/>
    public Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default) =>
        Run(() => store.GetVersion(subject, null));

    /// <inheritdoc/>
    public Task<RegisteredSchema> GetSchemaVersionAsync(string subject, int version, CancellationToken cancellationToken = default) =>
        Run(() => store.GetVersion(subject, version));

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> GetSubjectsAsync(CancellationToken cancellationToken = default) => Run(() => store.GetSubjects());

    /// <inheritdoc/>
    public Task<IReadOnlyList<int>> GetVersionsAsync(string subject, CancellationToken cancellationToken = default) =>
        Run(() => store.GetVersions(subject));

    /// <inheritdoc/>
    public Task<bool> IsCompatibleAsync(string subject, string schema, int? version = null, CancellationToken cancellationToken = default) =>
        Run(() => store.CheckCompatibility(subject, version, schema).Count == 0);

    /// <inheritdoc/>
    public Task<CompatibilityLevel> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default) =>
        Run(() => subject is null
            ? store.GetGlobalCompatibility()
            : store.GetSubjectCompatibility(subject) ?? throw new SchemaRegistryException(404, SchemaRegistryErrorCodes.SubjectLevelCompatibilityNotConfigured,
                $"Subject '{subject}' does not have subject-level compatibility configured"));

    /// <inheritdoc/>
    public Task SetCompatibilityAsync(CompatibilityLevel level, string? subject = null, CancellationToken cancellationToken = default) =>
        Run(() =>
        {
            store.SetCompatibility(level, subject);
            return true;
        });

    /// <inheritdoc/>
    public Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent = false, CancellationToken cancellationToken = default) =>
        Run(() => store.DeleteSubject(subject, permanent));

    /// <inheritdoc/>
    public Task<int> DeleteVersionAsync(string subject, int version, bool permanent = false, CancellationToken cancellationToken = default) =>
        Run(() => store.DeleteVersion(subject, version, permanent));

    // Errors surface through the task, as they would from the HTTP client.
    private static Task<T> Run<T>(Func<T> call)
    {
        try
        {
            return Task.FromResult(call());
        }
        catch (SchemaRegistryException e)
        {
            return Task.FromException<T>(e);
        }
    }
}
