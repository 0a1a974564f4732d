using System.Runtime.CompilerServices;
using SensorStream.Contracts.Kafka;

namespace SensorStream.Tests.Infrastructure;

internal static class BundledKafkaLibrary
{
    /// <summary>The test host is a process like any other: it binds the bundled librdkafka before any test runs.</summary>
    [ModuleInitializer]
    internal static void Initialize() => KafkaNativeLibrary.UseBundled();
}
