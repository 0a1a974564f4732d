using Microsoft.Extensions.Hosting;

namespace SensorStream.ServiceDefaults.Hosting;

/// <summary>
/// The host's lifetime when a command line owns the process: Ctrl+C and SIGTERM already reach the command as a
/// cancellation (System.CommandLine), which stops the host; a second handler would race it for the exit code.
/// </summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
