using SensorStream.Benchmarks;

return await BenchmarkRunner.RunAsync(args);
