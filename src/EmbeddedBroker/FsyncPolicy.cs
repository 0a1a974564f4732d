namespace SensorStream.EmbeddedBroker;

/// <summary>When the broker forces log writes to stable storage.</summary>
public enum FsyncPolicy
{
    /// <summary>Before answering any Produce with acks 1 or -1: nothing acknowledged is lost even on power failure.</summary>
    Always,

    /// <summary>In the background every <see cref="BrokerOptions.FsyncInterval"/>: a crash of the machine may lose that much.</summary>
    Interval,

    /// <summary>Left to the operating system (Apache Kafka's default). A killed broker still loses nothing, a crashed machine may.</summary>
    Never,
}
