namespace SensorStream.ServiceDefaults.Kafka;

/// <summary>
/// Records could not be delivered after librdkafka's own retries (<c>message.timeout.ms</c>): the role stops without
/// committing the input they came from, so a restart produces them again. Never produced again in-process, since that
/// could put a key's records out of order.
/// </summary>
public sealed class DeliveryFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="failures">How many records failed.</param>
    /// <param name="firstTopic">The topic of the first failure.</param>
    /// <param name="firstReason">librdkafka's reason for the first failure.</param>
    public DeliveryFailedException(long failures, string firstTopic, string firstReason)
        : base($"{failures} record(s) could not be delivered (first to {firstTopic}: {firstReason}); their input is not committed and is read again after a restart")
    {
        Failures = failures;
        FirstTopic = firstTopic;
        FirstReason = firstReason;
    }

    /// <summary>Records that failed.</summary>
    public long Failures { get; }

    /// <summary>Topic of the first failed record.</summary>
    public string FirstTopic { get; }

    /// <summary>Why the first record failed, as librdkafka put it.</summary>
    public string FirstReason { get; }
}
