namespace SensorStream.Tests.Infrastructure;

/// <summary>The shared cluster of <see cref="PostgresCollection"/>.</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    private PostgresCluster? _cluster;

    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("the cluster has not started");

    public async ValueTask InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
