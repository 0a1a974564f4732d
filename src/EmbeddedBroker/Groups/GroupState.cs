namespace SensorStream.EmbeddedBroker.Groups;

/// <summary>The classic consumer-group states, named as Kafka reports them in DescribeGroups.</summary>
internal enum GroupState
{
    /// <summary>No members (possibly committed offsets).</summary>
    Empty,

    /// <summary>Waiting for every member to (re)join before a new generation starts.</summary>
    PreparingRebalance,

    /// <summary>Generation formed; waiting for the leader's assignment in SyncGroup.</summary>
    CompletingRebalance,

    /// <summary>Every member has its assignment.</summary>
    Stable,

    /// <summary>Deleted.</summary>
    Dead,
}
