using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SensorStream.Tests.Infrastructure;

/// <summary>
/// An HTTP proxy in front of a real schema registry that can be told to fail: answer 503 (a registry restarting behind
/// a load balancer) or drop the connection (a registry that cannot be reached). Clients point at <see cref="Url"/>.
/// </summary>
public sealed class FaultyRegistryProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private long _failed;
    private long _forwarded;

    private FaultyRegistryProxy(WebApplication app, HttpClient upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    public enum Fault
    {
        None,
        ServiceUnavailable,
        Unreachable,
    }

    /// <summary>What the proxy does with the next requests.</summary>
    public Fault Mode { get; set; }

    /// <summary>Requests answered with a failure so far.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Requests passed to the registry so far.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    public Uri Url { get; private set; } = null!;

    public static async Task<FaultyRegistryProxy> StartAsync(Uri registry)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new FaultyRegistryProxy(app, new HttpClient { BaseAddress = registry });
        app.Run(proxy.HandleAsync);
        await app.StartAsync().DefaultTimeout();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Url = new Uri(address);
        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        switch (Mode)
        {
            case Fault.ServiceUnavailable:
                Interlocked.Increment(ref _failed);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.ContentType = "application/vnd.schemaregistry.v1+json";
                await context.Response.WriteAsync("""{"error_code":50301,"message":"registry is restarting"}""");
                return;
            case Fault.Unreachable:
                Interlocked.Increment(ref _failed);
                context.Abort();
                return;
        }
        Interlocked.Increment(ref _forwarded);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            request.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }
        foreach (var accept in context.Request.Headers.Accept)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        using var response = await _upstream.SendAsync(request);
        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType.ToString();
        }
        await context.Response.Body.WriteAsync(await response.Content.ReadAsByteArrayAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
