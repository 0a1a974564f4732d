namespace SensorStream.EmbeddedBroker.Groups;

/// <summary>A member of a consumer group, as the coordinator tracks it. Guarded by its group's lock.</summary>
internal sealed class GroupMember(string memberId, string? groupInstanceId, string clientId, string clientHost)
{
    public string MemberId { get; } = memberId;

    /// <summary>Static membership id (JoinGroup v5+), or null.</summary>
    public string? GroupInstanceId { get; } = groupInstanceId;

    public string ClientId { get; } = clientId;

    public string ClientHost { get; } = clientHost;

    public int SessionTimeoutMs { get; set; }

    public int RebalanceTimeoutMs { get; set; }

    public IReadOnlyList<GroupProtocol> Protocols { get; set; } = [];

    public ReadOnlyMemory<byte> Assignment { get; set; } = ReadOnlyMemory<byte>.Empty;

    public long LastHeartbeatMs { get; set; }

    /// <summary>Set while the member waits in JoinGroup for the next generation.</summary>
    public TaskCompletionSource<JoinGroupResult>? PendingJoin { get; set; }

    /// <summary>Set while the member waits in SyncGroup for the leader's assignment.</summary>
    public TaskCompletionSource<SyncGroupResult>? PendingSync { get; set; }

    public ReadOnlyMemory<byte> MetadataFor(string? protocolName) =>
        Protocols.FirstOrDefault(p => p.Name == protocolName)?.Metadata ?? ReadOnlyMemory<byte>.Empty;

    public bool SameProtocols(IReadOnlyList<GroupProtocol> other) =>
        Protocols.Count == other.Count
        && Protocols.Zip(other).All(pair => pair.First.Name == pair.Second.Name && pair.First.Metadata.Span.SequenceEqual(pair.Second.Metadata.Span));
}
