using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Groups;

/// <summary>SyncGroup, Heartbeat, LeaveGroup, commit checks and timeouts. Callers hold <see cref="ConsumerGroup.Lock"/>.</summary>
internal sealed partial class ConsumerGroup
{
    public Task<SyncGroupResult> Sync(string memberId, int generationId, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> assignments, long nowMs)
    {
        var member = Find(memberId);
        if (member is null || State is GroupState.Empty or GroupState.Dead)
        {
            return Task.FromResult(SyncGroupResult.Fail(ErrorCode.UnknownMemberId));
        }
        if (generationId != GenerationId)
        {
            return Task.FromResult(SyncGroupResult.Fail(ErrorCode.IllegalGeneration));
        }
        member.LastHeartbeatMs = nowMs;
        switch (State)
        {
            case GroupState.PreparingRebalance:
                return Task.FromResult(SyncGroupResult.Fail(ErrorCode.RebalanceInProgress));
            case GroupState.Stable:
                return Task.FromResult(new SyncGroupResult(ErrorCode.None, ProtocolType, ProtocolName, member.Assignment));
        }
        member.PendingSync?.TrySetResult(SyncGroupResult.Fail(ErrorCode.RebalanceInProgress));
        member.PendingSync = new TaskCompletionSource<SyncGroupResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = member.PendingSync.Task;
        if (memberId == LeaderId)
        {
            // Members the leader left out (kafkajs omits those without partitions) get an empty assignment.
            foreach (var m in _members)
            {
                m.Assignment = assignments.GetValueOrDefault(m.MemberId, ReadOnlyMemory<byte>.Empty);
            }
            State = GroupState.Stable;
            foreach (var waiting in _members.Where(m => m.PendingSync is not null))
            {
                waiting.PendingSync!.TrySetResult(new SyncGroupResult(ErrorCode.None, ProtocolType, ProtocolName, waiting.Assignment));
                waiting.PendingSync = null;
            }
        }
        return pending;
    }

    public ErrorCode Heartbeat(string memberId, int generationId, long nowMs)
    {
        var member = Find(memberId);
        if (member is null || State is GroupState.Empty or GroupState.Dead)
        {
            return ErrorCode.UnknownMemberId;
        }
        if (generationId != GenerationId)
        {
            return ErrorCode.IllegalGeneration;
        }
        member.LastHeartbeatMs = nowMs;
        return State == GroupState.PreparingRebalance ? ErrorCode.RebalanceInProgress : ErrorCode.None;
    }

    /// <summary>Removes a member by id, or by static instance id when the member id is empty.</summary>
    public ErrorCode Leave(string memberId, string? groupInstanceId, long nowMs)
    {
        var member = memberId.Length > 0
            ? Find(memberId)
            : _members.Find(m => groupInstanceId is not null && m.GroupInstanceId == groupInstanceId);
        if (member is null)
        {
            return ErrorCode.UnknownMemberId;
        }
        if (groupInstanceId is not null && member.GroupInstanceId != groupInstanceId)
        {
            return ErrorCode.FencedInstanceId;
        }
        RemoveMember(member, ErrorCode.UnknownMemberId);
        PrepareRebalance(nowMs);
        TryCompleteJoin(nowMs);
        return ErrorCode.None;
    }

    /// <summary>
    /// Whether an OffsetCommit may be stored. Commits from outside the group (generation -1, empty member id)
    /// are accepted while the group has no members; during a rebalance the old generation may still commit
    /// (eager consumers commit before rejoining), but not between join and sync.
    /// </summary>
    public ErrorCode CheckCommit(string memberId, int generationId, long nowMs)
    {
        if (generationId < 0 && memberId.Length == 0 && State is GroupState.Empty or GroupState.Dead)
        {
            return ErrorCode.None;
        }
        if (State == GroupState.CompletingRebalance)
        {
            return ErrorCode.RebalanceInProgress;
        }
        var member = Find(memberId);
        if (member is null)
        {
            return ErrorCode.UnknownMemberId;
        }
        if (generationId != GenerationId)
        {
            return ErrorCode.IllegalGeneration;
        }
        member.LastHeartbeatMs = nowMs;
        return ErrorCode.None;
    }

    /// <summary>Expires members whose session ran out and completes rebalances whose wait is over.</summary>
    public void Tick(long nowMs)
    {
        var expired = _members.Where(m => m.PendingJoin is null && nowMs - m.LastHeartbeatMs > m.SessionTimeoutMs).ToList();
        foreach (var member in expired)
        {
            RemoveMember(member, ErrorCode.UnknownMemberId);
        }
        if (expired.Count > 0)
        {
            PrepareRebalance(nowMs);
        }
        TryCompleteJoin(nowMs);
    }

    /// <summary>Marks the group deleted; only legal when it has no members.</summary>
    public void MarkDead() => State = GroupState.Dead;
}
