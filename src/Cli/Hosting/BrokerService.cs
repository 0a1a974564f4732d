using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SensorStream.EmbeddedBroker;
using SensorStream.ServiceDefaults.Hosting;

namespace SensorStream.Cli.Hosting;

/// <summary>
/// The embedded broker as the first role of a host: started (and listening) before any later role starts, stopped
/// after every later role has stopped, so the processors and the sink flush and commit against a running broker.
/// </summary>
internal sealed class BrokerService(IOptions<BrokerOptions> options, ILoggerFactory loggers, RoleHealth health) : IHostedService, IAsyncDisposable
{
    private EmbeddedKafkaBroker? _broker;

    /// <summary>The running broker (after start).</summary>
    public EmbeddedKafkaBroker Broker => _broker ?? throw new InvalidOperationException("the broker has not started");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        health.Set("broker", RoleState.Starting, "starting");
        _broker = await EmbeddedKafkaBroker.StartAsync(options.Value, loggers, cancellationToken: cancellationToken).ConfigureAwait(false);
        health.Set("broker", RoleState.Running, $"Kafka on {_broker.BootstrapServers}");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync().ConfigureAwait(false);
            _broker = null;
            health.Set("broker", RoleState.Stopped, "stopped");
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);
}
