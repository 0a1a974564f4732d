using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SensorStream.ServiceDefaults.Hosting;

/// <summary>
/// The state of every role a host runs, as the roles report it; <c>/health</c> shows it and a command's exit code
/// follows it (any failed role: non-zero). Also the health check behind <c>/health</c>: healthy while every role runs.
/// </summary>
public sealed class RoleHealth(TimeProvider clock) : IHealthCheck
{
    private readonly ConcurrentDictionary<string, RoleStatus> _roles = new(StringComparer.Ordinal);

    /// <summary>Records <paramref name="role"/>'s state.</summary>
    public void Set(string role, RoleState state, string detail) => _roles[role] = new RoleStatus(role, state, detail, clock.GetUtcNow());

    /// <summary>Every role's latest status, by name.</summary>
    public IReadOnlyList<RoleStatus> Roles => [.. _roles.Values.OrderBy(r => r.Role, StringComparer.Ordinal)];

    /// <summary>Roles that failed.</summary>
    public IReadOnlyList<RoleStatus> Failed => [.. Roles.Where(r => r.State == RoleState.Failed)];

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var roles = Roles;
        var data = roles.ToDictionary(r => r.Role, r => (object)new { state = r.State.ToString(), detail = r.Detail, since = r.Since });
        var down = roles.Where(r => r.State != RoleState.Running).ToList();
        return Task.FromResult(down.Count == 0
            ? HealthCheckResult.Healthy("every role is running", data)
            : HealthCheckResult.Unhealthy(string.Join("; ", down.Select(r => $"{r.Role} {r.State.ToString().ToLowerInvariant()}: {r.Detail}")), data: data));
    }
}
