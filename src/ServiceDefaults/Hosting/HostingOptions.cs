using System.Net;

namespace SensorStream.ServiceDefaults.Hosting;

/// <summary>The host's own settings (configuration section <c>Hosting</c>, <c>--http-port</c> on the role commands).</summary>
public sealed class HostingOptions
{
    /// <summary>Port of <c>/metrics</c> and <c>/health</c>; 0 picks a free one (printed at start). Default 0.</summary>
    public int HttpPort { get; set; }

    /// <summary>Address the HTTP port binds (0.0.0.0 for every interface). Default 127.0.0.1.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>How long stopping may take before the host gives up on a role (roles flush and commit on the way out). Default 60 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The problems with these values.</summary>
    public IEnumerable<string> Problems()
    {
        if (HttpPort is < 0 or > 65535)
        {
            yield return "Hosting: HttpPort must be between 0 and 65535";
        }
        if (!IPAddress.TryParse(ListenAddress, out _))
        {
            yield return $"Hosting: ListenAddress '{ListenAddress}' is not an IP address";
        }
        if (ShutdownTimeout <= TimeSpan.Zero)
        {
            yield return "Hosting: ShutdownTimeout must be positive";
        }
    }
}
