using SensorStream.Storage.LocalDatabase;

namespace SensorStream.Tests.Infrastructure;

/// <summary>The shared cluster of <see cref="PostgresCollection"/>.</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    private LocalPostgresCluster? _cluster;

    public LocalPostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster has not started");

    public async ValueTask InitializeAsync() => _cluster = await LocalPostgresCluster.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
