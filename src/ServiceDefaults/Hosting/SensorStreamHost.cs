using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SensorStream.ServiceDefaults.Kafka;
using SensorStream.ServiceDefaults.Metrics;

namespace SensorStream.ServiceDefaults.Hosting;

/// <summary>
/// The Generic Host every SensorStream role runs in (ASP.NET Core's, for its HTTP port): the layered configuration,
/// one-line console logs on standard error, the Kafka runtime, <c>/metrics</c> (every <c>SensorStream.*</c> meter in the
/// process, Prometheus text) and <c>/health</c> (each role's state, 503 while one is not running), and a failed role
/// stopping the whole host. Roles add themselves with their <c>AddXxx()</c> extension.
/// </summary>
public static class SensorStreamHost
{
    /// <summary>Configuration section of the host's own settings (<see cref="HostingOptions"/>).</summary>
    public const string SectionName = "Hosting";

    /// <summary>Creates the builder over <paramref name="configuration"/>, logging at <paramref name="minimumLevel"/> and above.</summary>
    public static WebApplicationBuilder CreateBuilder(IConfiguration configuration, LogLevel minimumLevel)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "sensorstream" });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders()
            .SetMinimumLevel(minimumLevel)
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            })
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        var hosting = new HostingOptions();
        Configuration.SensorStreamConfiguration.BindInto(hosting, configuration, SectionName);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Parse(hosting.ListenAddress), hosting.HttpPort));
        var services = builder.Services;
        services.AddValidatedOptions<HostingOptions>(SectionName, h => h.Problems());
        services.Configure<HostOptions>(options =>
        {
            options.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
            options.ShutdownTimeout = hosting.ShutdownTimeout;
        });
        services.AddSingleton<IHostLifetime, CommandLifetime>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RoleHealth>();
        services.AddMetrics();
        services.AddSingleton(_ => new PrometheusExporter(meter => meter.Name.StartsWith("SensorStream", StringComparison.Ordinal)));
        services.AddHealthChecks().AddCheck<RoleHealth>("roles");
        services.AddKafkaRuntime();
        return builder;
    }

    /// <summary>Maps <c>/metrics</c> and <c>/health</c>.</summary>
    public static WebApplication MapSensorStreamEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusMetrics(app.Services.GetRequiredService<PrometheusExporter>());
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        return app;
    }

    /// <summary>The URL the host's HTTP port listens on (after start; with port 0, the one the system picked).</summary>
    public static Uri HttpUrl(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
