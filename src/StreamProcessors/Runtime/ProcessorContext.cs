using Microsoft.Extensions.Logging;

namespace SensorStream.StreamProcessors.Runtime;

/// <summary>What every partition of one processor shares.</summary>
/// <param name="GroupId">The processor's consumer group (also recorded in its dead letters).</param>
/// <param name="Codec">Avro serialization of inputs and outputs.</param>
/// <param name="Counters">The processor's counts and metrics.</param>
/// <param name="Clock">Wall-clock time (the only use is idle-partition watermarks and dead-letter stamps).</param>
/// <param name="Logger">The processor's logger.</param>
internal sealed record ProcessorContext(string GroupId, EventCodec Codec, ProcessorCounters Counters, TimeProvider Clock, ILogger Logger);
