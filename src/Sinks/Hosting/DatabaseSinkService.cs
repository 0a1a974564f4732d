using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SensorStream.ServiceDefaults.Hosting;

namespace SensorStream.Sinks.Hosting;

/// <summary>The sink as a role of a host: created when the role starts (after the database it writes to), run until the host stops.</summary>
internal sealed class DatabaseSinkService(IServiceProvider services, RoleHealth health, ILogger<DatabaseSinkService> logger)
    : RoleService("sink", health, logger)
{
    protected override Task RunRoleAsync(CancellationToken stoppingToken) =>
        services.GetRequiredService<DatabaseSink>().RunAsync(stoppingToken);
}
