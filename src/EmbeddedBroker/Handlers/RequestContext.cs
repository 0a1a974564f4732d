using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>Who sent a request and how: passed to every handler.</summary>
/// <param name="Header">The request header (API, version, correlation id, client id).</param>
/// <param name="ClientHost">The client's IP address, for logs and group member descriptions.</param>
/// <param name="Aborted">Cancelled when the connection closes or the broker stops (ends Fetch long polls).</param>
internal sealed record RequestContext(RequestHeader Header, string ClientHost, CancellationToken Aborted)
{
    public short Version => Header.ApiVersion;

    public string ClientId => Header.ClientId ?? string.Empty;
}
