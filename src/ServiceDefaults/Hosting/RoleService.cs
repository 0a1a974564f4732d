using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SensorStream.Contracts.Kafka;

namespace SensorStream.ServiceDefaults.Hosting;

/// <summary>
/// A role of a host (processors, sink, feeds…) as a <see cref="BackgroundService"/>: it reports its state to
/// <see cref="RoleHealth"/>, logs the librdkafka it runs on, and a failure is never swallowed — it is logged, recorded
/// (so <c>/health</c> and the exit code say which role is down and why) and rethrown, which stops the whole host
/// (<see cref="BackgroundServiceExceptionBehavior.StopHost"/>).
/// </summary>
public abstract partial class RoleService(string role, RoleHealth health, ILogger logger) : BackgroundService
{
    /// <summary>The role's name, as <c>/health</c> and the console show it.</summary>
    public string Role { get; } = role;

    /// <summary>Runs the role until <paramref name="stoppingToken"/> is cancelled; throws when it cannot go on.</summary>
    protected abstract Task RunRoleAsync(CancellationToken stoppingToken);

    /// <inheritdoc/>
    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the host's start-up path: a role that blocks before its first await must not hold up the others.
        await Task.Yield();
        health.Set(Role, RoleState.Running, "running");
        LogStarting(logger, Role, KafkaNativeLibrary.Describe());
        try
        {
            await RunRoleAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Not handled here: recorded for /health and the exit code, then rethrown to stop the host.
            health.Set(Role, RoleState.Failed, e.Message);
            LogFailed(logger, e, Role, e.Message);
            throw;
        }
        if (stoppingToken.IsCancellationRequested)
        {
            health.Set(Role, RoleState.Stopped, "stopped");
        }
        else
        {
            // A role that ends by itself while the host runs is down all the same.
            health.Set(Role, RoleState.Failed, "ended by itself");
            throw new InvalidOperationException($"role {Role} ended by itself while the host was running");
        }
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information, Message = "{Role} starting on {Kafka}")]
    private static partial void LogStarting(ILogger logger, string role, string kafka);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Critical, Message = "{Role} failed and stops the host: {Reason}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string role, string reason);
}
