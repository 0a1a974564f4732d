namespace SensorStream.Benchmarks;

/// <summary>
/// Entry point of the benchmark harness: picks benchmarks by name and runs them.
/// Each benchmark writes <c>benchmarks/results/&lt;name&gt;.json</c> and a Markdown table.
/// </summary>
public static class BenchmarkRunner
{
    private static readonly IReadOnlyList<IBenchmark> Registered = [new AvroBenchmark(), new BrokerBenchmark(), new ProducersBenchmark(), new ClassifierBenchmark(), new TripTyposBenchmark(), new ProcessorsBenchmark(), new SinksBenchmark()];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("usage: benchmarks [--list] NAME... | all");
            Console.WriteLine("Runs SensorStream benchmarks; results go to benchmarks/results/NAME.json and NAME.md.");
            ListBenchmarks();
            return 0;
        }
        if (args.Contains("--list"))
        {
            ListBenchmarks();
            return 0;
        }

        var selected = args.Contains("all")
            ? Registered
            : Registered.Where(b => args.Contains(b.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        var unknown = args.Where(a => a != "all" && !Registered.Any(b => string.Equals(b.Name, a, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"unknown benchmark(s): {string.Join(", ", unknown)}");
            ListBenchmarks();
            return 2;
        }

        foreach (var benchmark in selected)
        {
            Console.WriteLine($"== {benchmark.Name}: {benchmark.Description}");
            await benchmark.RunAsync(CancellationToken.None);
        }
        return 0;
    }

    private static void ListBenchmarks()
    {
        Console.WriteLine(Registered.Count == 0 ? "No benchmarks are registered in this build." : "Benchmarks:");
        foreach (var benchmark in Registered)
        {
            Console.WriteLine($"  {benchmark.Name,-12} {benchmark.Description}");
        }
    }
}
