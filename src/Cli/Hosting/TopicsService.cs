using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SensorStream.Contracts;
using SensorStream.Contracts.Kafka;

namespace SensorStream.Cli.Hosting;

/// <summary>Creates every platform topic once the broker runs, before any role that reads or writes them starts.</summary>
internal sealed class TopicsService(IOptions<KafkaOptions> kafka) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => TopicBootstrapper.EnsureAsync(kafka.Value, Topics.All);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
