namespace SensorStream.Benchmarks;

/// <summary>One component benchmark: measures the component and a raw baseline in the same run.</summary>
public interface IBenchmark
{
    /// <summary>Short name used on the command line and as the results file name.</summary>
    string Name { get; }

    /// <summary>One line saying what is measured and against which baseline.</summary>
    string Description { get; }

    /// <summary>Runs the sweep and writes the results files.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
