namespace SensorStream.Producers.Publishing;

/// <summary>Prints a progress line every <c>interval</c> (default 1 s) until disposed, then one final line.</summary>
public sealed class ProgressReporter : IDisposable
{
    private readonly TextWriter _output;
    private readonly Func<string> _describe;
    private readonly Timer _timer;

    /// <summary>Starts reporting <paramref name="describe"/>'s text to <paramref name="output"/>.</summary>
    public ProgressReporter(TextWriter output, Func<string> describe, TimeSpan? interval = null)
    {
        _output = output;
        _describe = describe;
        var period = interval ?? TimeSpan.FromSeconds(1);
        _timer = new Timer(_ => Print(), null, period, period);
    }

    private void Print()
    {
        lock (_output)
        {
            _output.WriteLine(_describe());
            _output.Flush();
        }
    }

    /// <summary>Stops the timer and prints the final state.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        Print();
    }
}
