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
            Console.WriteLine("usage: benchmarks [--list] NAME... | all [--OPTION VALUE]...");
            Console.WriteLine("Runs SensorStream benchmarks; results go to benchmarks/results/NAME.json and NAME.md.");
            ListBenchmarks();
            return 0;
        }
        if (args.Contains("--list"))
        {
            ListBenchmarks();
            return 0;
        }

        // Options (--name value) go to the benchmarks that take them; everything else names a benchmark.
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Length)
                {
                    Console.Error.WriteLine($"{args[i]} needs a value");
                    return 2;
                }
                options[args[i]] = args[++i];
            }
            else
            {
                names.Add(args[i]);
            }
        }
        var selected = names.Contains("all")
            ? Registered
            : Registered.Where(b => names.Contains(b.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        var unknown = names.Where(a => a != "all" && !Registered.Any(b => string.Equals(b.Name, a, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"unknown benchmark(s): {string.Join(", ", unknown)}");
            ListBenchmarks();
            return 2;
        }
        var accepted = selected.OfType<IConfigurableBenchmark>().SelectMany(b => b.Options.Select(o => o.Name)).ToHashSet(StringComparer.Ordinal);
        if (options.Keys.FirstOrDefault(o => !accepted.Contains(o)) is { } stray)
        {
            Console.Error.WriteLine($"{stray} is not an option of {string.Join(", ", selected.Select(b => b.Name))}");
            ListBenchmarks();
            return 2;
        }
        try
        {
            foreach (var benchmark in selected.OfType<IConfigurableBenchmark>())
            {
                benchmark.Configure(options.Where(o => benchmark.Options.Any(b => b.Name == o.Key)).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal));
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
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
            foreach (var (name, help) in (benchmark as IConfigurableBenchmark)?.Options ?? [])
            {
                Console.WriteLine($"    {name,-12} {help}");
            }
        }
    }
}
