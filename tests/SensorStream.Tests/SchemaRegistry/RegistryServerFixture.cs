namespace SensorStream.Tests.SchemaRegistry;

/// <summary>One registry server per test class; tests use their own subjects so they do not interfere.</summary>
public sealed class RegistryServerFixture : IAsyncLifetime
{
    private RegistryServer? _server;

    public RegistryServer Server => _server ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync() => _server = await RegistryServer.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            Directory.Delete(_server.Directory, recursive: true);
        }
    }

    public static string NewSubject(string prefix = "test") => $"{prefix}-{Guid.NewGuid():N}-value";
}
