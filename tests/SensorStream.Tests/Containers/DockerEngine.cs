using System.Net.Sockets;

namespace SensorStream.Tests.Containers;

/// <summary>Whether a Docker engine answers here (DOCKER_HOST, or the default socket); the container tier needs one.</summary>
internal static class DockerEngine
{
    public static string? UnavailableReason()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (host is { Length: > 0 } && !host.StartsWith("unix://", StringComparison.Ordinal))
        {
            return null; // a remote engine: let Testcontainers reach it
        }
        var socket = host is { Length: > 0 } ? host["unix://".Length..] : "/var/run/docker.sock";
        try
        {
            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            probe.Connect(new UnixDomainSocketEndPoint(socket));
            return null;
        }
        catch (SocketException e)
        {
            return $"no Docker engine answers at {socket} ({e.SocketErrorCode}); the container tier runs where one does";
        }
    }
}
