using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using SensorStream.Contracts.Kafka;

namespace SensorStream.Cli;

/// <summary><c>sensorstream --version</c>: the product version and the librdkafka the process has bound.</summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var product = typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        parseResult.InvocationConfiguration.Output.WriteLine($"sensorstream {product}");
        parseResult.InvocationConfiguration.Output.WriteLine(KafkaNativeLibrary.Describe());
        return 0;
    }
}
