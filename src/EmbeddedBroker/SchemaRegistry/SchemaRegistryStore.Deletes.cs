using System.Text.Json.Nodes;
using SensorStream.Contracts.SchemaRegistry;

namespace SensorStream.EmbeddedBroker.SchemaRegistry;

public sealed partial class SchemaRegistryStore
{
    /// <summary>
    /// Soft-deletes every live version of <paramref name="subject"/>, or with <paramref name="permanent"/> removes the
    /// soft-deleted ones for good (Confluent requires the soft delete first). Returns the versions deleted.
    /// </summary>
    /// <exception cref="SchemaRegistryException">40401 subject not found, 40404 already soft-deleted, 40405 not soft-deleted before a permanent delete.</exception>
    public IReadOnlyList<int> DeleteSubject(string subject, bool permanent = false)
    {
        lock (_lock)
        {
            if (!_state.Subjects.TryGetValue(subject, out var state) || state.Versions.Count == 0)
            {
                throw SubjectNotFound(subject);
            }
            if (!permanent && !state.HasLive)
            {
                throw new SchemaRegistryException(404, SchemaRegistryErrorCodes.SubjectSoftDeleted,
                    $"Subject '{subject}' was soft deleted.Set permanent=true to delete permanently");
            }
            if (permanent && state.HasLive)
            {
                throw new SchemaRegistryException(404, SchemaRegistryErrorCodes.SubjectNotSoftDeleted,
                    $"Subject '{subject}' was not deleted first before being permanently deleted");
            }
            var versions = (permanent ? state.Versions.Values : state.Live).Select(v => v.Version).ToList();
            foreach (var version in versions)
            {
                Commit(new JsonObject { ["op"] = RegistryLog.OpDeleteVersion, ["subject"] = subject, ["version"] = version, ["permanent"] = permanent });
            }
            return versions;
        }
    }

    /// <summary>
    /// Soft-deletes one version (null: the latest live one), or with <paramref name="permanent"/> removes a soft-deleted
    /// version for good. Returns the version number.
    /// </summary>
    /// <exception cref="SchemaRegistryException">40401 subject not found, 40402 version not found, 40407 not soft-deleted before a permanent delete.</exception>
    public int DeleteVersion(string subject, int? version, bool permanent = false)
    {
        lock (_lock)
        {
            if (!_state.Subjects.TryGetValue(subject, out var state) || state.Versions.Count == 0)
            {
                throw SubjectNotFound(subject);
            }
            SubjectVersion target;
            if (permanent && version is { } exact)
            {
                target = state.Versions.GetValueOrDefault(exact) ?? throw VersionNotFound(exact);
                if (!target.Deleted)
                {
                    throw new SchemaRegistryException(404, SchemaRegistryErrorCodes.SchemaVersionNotSoftDeleted,
                        $"Subject '{subject}' Version {exact} was not deleted first before being permanently deleted");
                }
            }
            else
            {
                target = LiveVersion(state, version);
                if (permanent)
                {
                    throw new SchemaRegistryException(404, SchemaRegistryErrorCodes.SchemaVersionNotSoftDeleted,
                        $"Subject '{subject}' Version {target.Version} was not deleted first before being permanently deleted");
                }
            }
            Commit(new JsonObject { ["op"] = RegistryLog.OpDeleteVersion, ["subject"] = subject, ["version"] = target.Version, ["permanent"] = permanent });
            return target.Version;
        }
    }
}
