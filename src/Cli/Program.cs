using SensorStream.Cli;
using SensorStream.Contracts.Kafka;

// Before anything touches Confluent.Kafka: bind the librdkafka this build bundles, never the system's.
KafkaNativeLibrary.UseBundled();
return await SensorStreamCommand.Create().Parse(args).InvokeAsync();
