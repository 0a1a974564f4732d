using SensorStream.EmbeddedBroker;

namespace SensorStream.Tests.Infrastructure;

/// <summary>An in-process embedded broker on free ports with its own data directory.</summary>
public sealed class TestBroker : IAsyncDisposable
{
    private readonly TempDirectory? _ownedDirectory;

    private TestBroker(EmbeddedKafkaBroker broker, BrokerOptions options, TempDirectory? ownedDirectory)
    {
        Broker = broker;
        Options = options;
        _ownedDirectory = ownedDirectory;
    }

    public EmbeddedKafkaBroker Broker { get; private set; }

    public BrokerOptions Options { get; }

    public string BootstrapServers => Broker.BootstrapServers;

    public static async Task<TestBroker> StartAsync(Action<BrokerOptions>? configure = null, string? dataDir = null)
    {
        var owned = dataDir is null ? new TempDirectory("broker") : null;
        var options = new BrokerOptions { Port = 0, HttpPort = 0, DataDir = dataDir ?? owned!.Path };
        configure?.Invoke(options);
        var broker = await EmbeddedKafkaBroker.StartAsync(options).DefaultTimeout();
        return new TestBroker(broker, options, owned);
    }

    /// <summary>Stops and starts again on the same data directory and port, as after a clean restart.</summary>
    public async Task RestartAsync()
    {
        var port = Broker.Port;
        await Broker.DisposeAsync();
        Options.Port = port;
        Broker = await EmbeddedKafkaBroker.StartAsync(Options).DefaultTimeout();
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
