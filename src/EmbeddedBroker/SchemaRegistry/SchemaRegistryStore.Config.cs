using System.Text.Json.Nodes;
using SensorStream.Contracts.SchemaRegistry;

namespace SensorStream.EmbeddedBroker.SchemaRegistry;

public sealed partial class SchemaRegistryStore
{
    /// <summary>The global compatibility level (default <see cref="CompatibilityLevel.Backward"/>).</summary>
    public CompatibilityLevel GetGlobalCompatibility()
    {
        lock (_lock)
        {
            return _state.GlobalLevel;
        }
    }

    /// <summary>The level set on <paramref name="subject"/> itself, or null when it follows the global level.</summary>
    public CompatibilityLevel? GetSubjectCompatibility(string subject)
    {
        lock (_lock)
        {
            return _state.Subjects.TryGetValue(subject, out var state) ? state.Level : null;
        }
    }

    /// <summary>Sets the global level (<paramref name="subject"/> null) or a subject's level.</summary>
    public void SetCompatibility(CompatibilityLevel level, string? subject = null)
    {
        lock (_lock)
        {
            Commit(new JsonObject { ["op"] = RegistryLog.OpConfig, ["subject"] = subject, ["level"] = level.ToString() });
        }
    }

    /// <summary>Removes a subject's own level (it then follows the global one) and returns what it was.</summary>
    /// <exception cref="SchemaRegistryException">40401 when the subject has no level of its own.</exception>
    public CompatibilityLevel DeleteSubjectCompatibility(string subject)
    {
        lock (_lock)
        {
            var previous = GetSubjectCompatibility(subject)
                ?? throw new SchemaRegistryException(404, SchemaRegistryErrorCodes.SubjectNotFound, $"Subject '{subject}' not found.");
            Commit(new JsonObject { ["op"] = RegistryLog.OpConfig, ["subject"] = subject, ["level"] = null });
            return previous;
        }
    }
}
