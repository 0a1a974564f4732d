using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SensorStream.ServiceDefaults.Hosting;

namespace SensorStream.Cli.Hosting;

/// <summary>
/// Runs a host built by a command until Ctrl+C/SIGTERM or until a role fails, and turns the outcome into an exit code:
/// 0 after a clean stop, 1 when the configuration is refused at start or any role failed (each failed role is named on
/// standard error with its reason).
/// </summary>
internal static class RoleCommand
{
    public static async Task<int> RunAsync(WebApplicationBuilder builder, string command, TextWriter output, TextWriter error,
        Func<WebApplication, Task> started, Func<WebApplication, Task> stopped, CancellationToken cancellationToken,
        Func<WebApplication, string>? progress = null, TimeSpan? progressInterval = null)
    {
        var app = builder.Build();
        app.MapSensorStreamEndpoints();
        await using (app.ConfigureAwait(false))
        {
            var health = app.Services.GetRequiredService<RoleHealth>();
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OptionsValidationException e)
            {
                await error.WriteLineAsync($"sensorstream {command}: configuration error: {string.Join("; ", e.Failures)}").ConfigureAwait(false);
                return 1;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return await ReportAsync(command, health, error).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException or System.Net.Sockets.SocketException)
            {
                // Binding (unknown or malformed settings), a port in use, a role that could not start.
                await error.WriteLineAsync($"sensorstream {command}: cannot start: {e.Message}").ConfigureAwait(false);
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                return 1;
            }
            await started(app).ConfigureAwait(false);
            var period = progressInterval ?? TimeSpan.FromSeconds(10);
            using (progress is null ? null : new Timer(_ => output.WriteLine(progress(app)), null, period, period))
            {
                // Returns when the command is cancelled or a failed role stopped the host; either way the host is stopped then.
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            if (health.Failed.Count == 0)
            {
                await stopped(app).ConfigureAwait(false);
            }
            return await ReportAsync(command, health, error).ConfigureAwait(false);
        }
    }

    private static async Task<int> ReportAsync(string command, RoleHealth health, TextWriter error)
    {
        foreach (var role in health.Failed)
        {
            await error.WriteLineAsync($"sensorstream {command}: role {role.Role} failed: {role.Detail}").ConfigureAwait(false);
        }
        return health.Failed.Count == 0 ? 0 : 1;
    }

    /// <summary>Whether the host is still running (for callers that poll).</summary>
    public static bool IsRunning(WebApplication app) => !app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;
}
