using SensorStream.Benchmarks;
using SensorStream.Contracts.Kafka;

KafkaNativeLibrary.UseBundled();
return await BenchmarkRunner.RunAsync(args);
