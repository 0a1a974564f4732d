using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.ServiceDefaults.Hosting;

namespace SensorStream.Sinks.Hosting;

/// <summary>Registers the database sink as a role.</summary>
public static class DatabaseSinkServiceCollectionExtensions
{
    /// <summary>Meter of the sink's counters.</summary>
    public const string MeterName = "SensorStream.Sinks";

    /// <summary>Adds the sink (section <c>Sinks</c>, validated at start) as the role <c>sink</c>; <see cref="DatabaseSink"/> is resolvable for progress lines.</summary>
    public static IServiceCollection AddDatabaseSink(this IServiceCollection services)
    {
        services.AddValidatedOptions<SinkOptions>(SinkOptions.SectionName, options => options.Validate());
        services.AddSingleton(provider => new DatabaseSink(
            provider.GetRequiredService<IOptions<KafkaOptions>>().Value,
            provider.GetRequiredService<IOptions<SinkOptions>>().Value,
            provider.GetRequiredService<ISchemaRegistryClient>(),
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<IMeterFactory>().Create(MeterName)));
        services.AddHostedService<DatabaseSinkService>();
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return services;
    }
}
