namespace SensorStream.StreamProcessors.Anomalies.Trips;

/// <summary>The most recent <c>capacity</c> samples of one statistic, oldest overwritten first, so state stays bounded.</summary>
internal sealed class SampleWindow(int capacity)
{
    private readonly double[] _samples = new double[capacity];
    private int _next;

    /// <summary>Samples held, at most the capacity.</summary>
    public int Count { get; private set; }

    /// <summary>Bumped on every <see cref="Add"/>, so derived estimates know when to recompute.</summary>
    public int Version { get; private set; }

    /// <summary>Adds a sample, dropping the oldest when full.</summary>
    public void Add(double sample)
    {
        _samples[_next] = sample;
        _next = (_next + 1) % _samples.Length;
        Count = Math.Min(Count + 1, _samples.Length);
        Version++;
    }

    /// <summary>The samples, oldest first.</summary>
    public double[] ToArray()
    {
        var result = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            result[i] = _samples[(_next - Count + i + _samples.Length) % _samples.Length];
        }
        return result;
    }
}
