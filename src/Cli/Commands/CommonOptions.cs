using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace SensorStream.Cli.Commands;

/// <summary>Options every long-running subcommand accepts.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo?> Config() => new("--config")
    {
        Description = "Configuration file to use instead of ./appsettings.json (environment variables SENSORSTREAM_* and flags still override it).",
    };

    public static Option<LogLevel> LogLevel() => new("--log-level")
    {
        Description = "Least severe log events to print (Trace, Debug, Information, Warning, Error).",
        DefaultValueFactory = _ => Microsoft.Extensions.Logging.LogLevel.Information,
    };

    public static Option<int> HttpPort() => new("--http-port")
    {
        Description = "HTTP port of /metrics and /health (0 = any free port, printed at start). Default 0.",
    };

    /// <summary>Adds <c>key = value</c> to <paramref name="overrides"/> when the user gave <paramref name="option"/>.</summary>
    public static void AddIfGiven<T>(this Dictionary<string, string?> overrides, ParseResult parseResult, Option<T> option, string key)
    {
        if (parseResult.GetResult(option) is { Implicit: false })
        {
            overrides[key] = Convert.ToString(parseResult.GetValue(option), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
