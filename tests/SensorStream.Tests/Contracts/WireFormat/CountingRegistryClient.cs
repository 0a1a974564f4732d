using SensorStream.Contracts.SchemaRegistry;

namespace SensorStream.Tests.Contracts.WireFormat;

/// <summary>Counts the registry calls a serializer makes, to prove ids and decoders are cached.</summary>
internal sealed class CountingRegistryClient(ISchemaRegistryClient inner) : ISchemaRegistryClient
{
    private int _calls;

    public int Calls => _calls;

    private T Count<T>(T result)
    {
        Interlocked.Increment(ref _calls);
        return result;
    }

    public Task<int> RegisterSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default) => Count(inner.RegisterSchemaAsync(subject, schema, cancellationToken));

    public Task<RegisteredSchema> LookupSchemaAsync(string subject, string schema, CancellationToken cancellationToken = default) => Count(inner.LookupSchemaAsync(subject, schema, cancellationToken));

    public Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken = default) => Count(inner.GetSchemaAsync(id, cancellationToken));

    public Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default) => Count(inner.GetLatestSchemaAsync(subject, cancellationToken));

    public Task<RegisteredSchema> GetSchemaVersionAsync(string subject, int version, CancellationToken cancellationToken = default) => Count(inner.GetSchemaVersionAsync(subject, version, cancellationToken));

    public Task<IReadOnlyList<string>> GetSubjectsAsync(CancellationToken cancellationToken = default) => Count(inner.GetSubjectsAsync(cancellationToken));

    public Task<IReadOnlyList<int>> GetVersionsAsync(string subject, CancellationToken cancellationToken = default) => Count(inner.GetVersionsAsync(subject, cancellationToken));

    public Task<bool> IsCompatibleAsync(string subject, string schema, int? version = null, CancellationToken cancellationToken = default) => Count(inner.IsCompatibleAsync(subject, schema, version, cancellationToken));

    public Task<CompatibilityLevel> GetCompatibilityAsync(string? subject = null, CancellationToken cancellationToken = default) => Count(inner.GetCompatibilityAsync(subject, cancellationToken));

    public Task SetCompatibilityAsync(CompatibilityLevel level, string? subject = null, CancellationToken cancellationToken = default) => Count(inner.SetCompatibilityAsync(level, subject, cancellationToken));

    public Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent = false, CancellationToken cancellationToken = default) => Count(inner.DeleteSubjectAsync(subject, permanent, cancellationToken));

    public Task<int> DeleteVersionAsync(string subject, int version, bool permanent = false, CancellationToken cancellationToken = default) => Count(inner.DeleteVersionAsync(subject, version, permanent, cancellationToken));
}
