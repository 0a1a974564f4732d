using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SensorStream.EmbeddedBroker.SchemaRegistry;

namespace SensorStream.Tests.SchemaRegistry;

/// <summary>
/// The registry endpoints on real Kestrel at 127.0.0.1 on a free port, over a store in a temporary directory, so Python
/// and Node peers can reach it like any Confluent registry.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RegistryServer(WebApplication app, SchemaRegistryStore store, Uri url, string directory)
    {
        _app = app;
        Store = store;
        Url = url;
        Directory = directory;
    }

    public SchemaRegistryStore Store { get; }

    public Uri Url { get; }

    public string Directory { get; }

    public static async Task<RegistryServer> StartAsync(CancellationToken cancellationToken, string? directory = null)
    {
        directory ??= System.IO.Directory.CreateTempSubdirectory("sensorstream-registry-").FullName;
        var store = new SchemaRegistryStore(directory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapSchemaRegistry(store);
        await app.StartAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RegistryServer(app, store, new Uri(address), directory);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
        Store.Dispose();
    }
}
