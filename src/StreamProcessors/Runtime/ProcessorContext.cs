using Microsoft.Extensions.Logging;
using SensorStream.ServiceDefaults.Kafka;

namespace SensorStream.StreamProcessors.Runtime;

/// <summary>What every partition of one processor shares.</summary>
/// <param name="GroupId">The processor's consumer group (also recorded in its dead letters).</param>
/// <param name="Codec">Avro serialization of inputs and outputs.</param>
/// <param name="Counters">The processor's counts and metrics.</param>
/// <param name="Clock">Wall-clock time (the only use is idle-partition watermarks and dead-letter stamps).</param>
/// <param name="Logger">The processor's logger.</param>
/// <param name="Retry">Retries a decode while the registry is away, before any state changes.</param>
/// <param name="DeadLetters">Builds the dead letters of records that fail permanently.</param>
internal sealed record ProcessorContext(string GroupId, EventCodec Codec, ProcessorCounters Counters, TimeProvider Clock, ILogger Logger,
    TransientRetry Retry, DeadLetterRouter DeadLetters)
{
    /// <summary>Cancelled when the processor stops (asked to, or failing): a lane waiting out an outage gives up then.</summary>
    public CancellationTokenSource Stop { get; } = new();
}
