using System.CommandLine;
using SensorStream.Cli;
using SensorStream.Contracts.Kafka;

// Before anything touches Confluent.Kafka: bind the librdkafka this build bundles, never the system's.
KafkaNativeLibrary.UseBundled();
// Ctrl+C / SIGTERM cancel the command, which then stops its roles: they flush and commit on the way out, which may
// take longer than System.CommandLine's default of 2 s before it gives up on the action.
return await SensorStreamCommand.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(90) });
