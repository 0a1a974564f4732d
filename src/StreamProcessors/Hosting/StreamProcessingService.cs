using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SensorStream.ServiceDefaults.Hosting;

namespace SensorStream.StreamProcessors.Hosting;

/// <summary>The stream processors as a role of a host: created when the role starts (after the roles before it), run until the host stops.</summary>
internal sealed class StreamProcessingService(IServiceProvider services, RoleHealth health, ILogger<StreamProcessingService> logger)
    : RoleService("processors", health, logger)
{
    protected override Task RunRoleAsync(CancellationToken stoppingToken) =>
        services.GetRequiredService<StreamProcessing>().RunAsync(stoppingToken);
}
