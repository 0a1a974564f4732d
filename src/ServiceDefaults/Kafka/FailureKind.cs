namespace SensorStream.ServiceDefaults.Kafka;

/// <summary>What a failure while handling one record means, and so what the runtime does with the record.</summary>
public enum FailureKind
{
    /// <summary>The record is at fault (undecodable, unknown schema id, invalid value): it goes to <c>dlq</c> with the reason and processing goes on.</summary>
    Permanent,

    /// <summary>Something the record needs is away (registry, broker, database, a timeout): wait and try the same record again, offsets not advanced.</summary>
    Transient,

    /// <summary>Anything else is a bug in our code: the role stops loudly and nothing after the record is committed.</summary>
    Bug,
}
