namespace SensorStream.Benchmarks;

/// <summary>A benchmark that takes options after the names on the command line (<c>bench sinks --storage Plain</c>).</summary>
public interface IConfigurableBenchmark : IBenchmark
{
    /// <summary>Option names it accepts (with the leading dashes) and what each does, for <c>--help</c>.</summary>
    IReadOnlyList<(string Name, string Help)> Options { get; }

    /// <summary>Takes the options given (only names from <see cref="Options"/>); throws <see cref="ArgumentException"/> naming a bad value.</summary>
    void Configure(IReadOnlyDictionary<string, string> options);
}
