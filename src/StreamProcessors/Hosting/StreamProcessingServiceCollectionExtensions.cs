using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SensorStream.Contracts.Kafka;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.ServiceDefaults.Hosting;

namespace SensorStream.StreamProcessors.Hosting;

/// <summary>Registers the stream processors as a role.</summary>
public static class StreamProcessingServiceCollectionExtensions
{
    /// <summary>Meter of the processors' counters.</summary>
    public const string MeterName = "SensorStream.Processors";

    /// <summary>
    /// Adds the processors (section <c>Processors</c>, validated at start) as the role <c>processors</c>;
    /// <see cref="StreamProcessing"/> is resolvable for progress lines.
    /// </summary>
    public static IServiceCollection AddStreamProcessors(this IServiceCollection services)
    {
        services.AddValidatedOptions<ProcessingOptions>(ProcessingOptions.SectionName, options => options.Validate());
        services.AddSingleton(provider => new StreamProcessing(
            provider.GetRequiredService<IOptions<KafkaOptions>>().Value,
            provider.GetRequiredService<IOptions<ProcessingOptions>>().Value,
            provider.GetRequiredService<ISchemaRegistryClient>(),
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<IMeterFactory>().Create(MeterName)));
        services.AddHostedService<StreamProcessingService>();
        return services;
    }
}
