using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SensorStream.EmbeddedBroker.Handlers;
using SensorStream.ServiceDefaults.Metrics;

namespace SensorStream.EmbeddedBroker.Http;

/// <summary>
/// The broker's HTTP port: <c>/metrics</c> (Prometheus text), <c>/health</c>, and whatever else the caller maps
/// (the Schema Registry API shares this port, 8081 by default).
/// </summary>
internal static class BrokerHttpHost
{
    public static async Task<WebApplication> StartAsync(BrokerState broker, PrometheusExporter exporter, ILoggerFactory loggerFactory,
        Action<IEndpointRouteBuilder>? mapExtra, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(broker.Options.ListenAddress), broker.Options.HttpPort));
        var app = builder.Build();
        var started = DateTimeOffset.UtcNow;
        app.MapPrometheusMetrics(exporter);
        app.MapGet("/health", () => Results.Json(new
        {
            status = "ok",
            clusterId = broker.ClusterId,
            bootstrapServers = $"{broker.Options.AdvertisedHost}:{broker.AdvertisedPort}",
            topics = broker.Topics.Topics.Count(),
            uptimeSeconds = (long)(DateTimeOffset.UtcNow - started).TotalSeconds,
        }));
        mapExtra?.Invoke(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return app;
    }

    /// <summary>The port Kestrel actually bound (when asked for port 0).</summary>
    public static int BoundPort(WebApplication app) =>
        new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
}
