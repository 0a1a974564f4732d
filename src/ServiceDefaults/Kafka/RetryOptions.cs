namespace SensorStream.ServiceDefaults.Kafka;

/// <summary>Backoff of a transient failure: the same record is tried again after exponentially growing waits, for as long as it takes.</summary>
public sealed class RetryOptions
{
    /// <summary>First wait after a transient failure; it doubles (with jitter) per attempt. Default 500 ms.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between attempts. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The problems with these values, prefixed with <paramref name="section"/>.</summary>
    public IEnumerable<string> Problems(string section)
    {
        if (InitialDelay <= TimeSpan.Zero || MaxDelay < InitialDelay)
        {
            yield return $"{section}: Retry:InitialDelay must be positive and Retry:MaxDelay at least as long";
        }
    }
}
