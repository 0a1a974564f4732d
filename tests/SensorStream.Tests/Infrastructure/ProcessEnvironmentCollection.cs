namespace SensorStream.Tests.Infrastructure;

/// <summary>Tests that set process-wide environment variables, or read configuration from them, run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
