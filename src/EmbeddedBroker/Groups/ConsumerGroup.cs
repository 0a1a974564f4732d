using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Groups;

/// <summary>
/// One consumer group's membership state machine (Kafka's classic protocol): members join, the coordinator
/// waits until every known member has rejoined (or the rebalance timeout passes), forms a generation, picks a
/// protocol all members support and a leader; the leader's SyncGroup hands every member its assignment.
/// Members learn of a new rebalance from REBALANCE_IN_PROGRESS on heartbeats. All state is guarded by
/// <see cref="Lock"/>; waiting callers hold a task, not the lock.
/// </summary>
internal sealed partial class ConsumerGroup(string groupId, TimeSpan initialRebalanceDelay)
{
    // Join order matters: the first member becomes leader, as in Kafka.
    private readonly List<GroupMember> _members = [];
    private long _rebalanceDeadlineMs;
    private long _initialJoinUntilMs;

    public Lock Lock { get; } = new();

    public string GroupId { get; } = groupId;

    public GroupState State { get; private set; } = GroupState.Empty;

    public int GenerationId { get; private set; }

    public string? ProtocolType { get; private set; }

    public string? ProtocolName { get; private set; }

    public string? LeaderId { get; private set; }

    public IReadOnlyList<GroupMember> Members => _members;

    private GroupMember? Find(string memberId) => _members.Find(m => m.MemberId == memberId);

    public Task<JoinGroupResult> Join(JoinGroupArgs args, long nowMs)
    {
        if (State == GroupState.Dead)
        {
            return Task.FromResult(JoinGroupResult.Fail(ErrorCode.CoordinatorNotAvailable, args.MemberId));
        }
        if (!SupportsProtocols(args.MemberId, args.ProtocolType, args.Protocols))
        {
            return Task.FromResult(JoinGroupResult.Fail(ErrorCode.InconsistentGroupProtocol, args.MemberId));
        }
        return args.MemberId.Length == 0 ? JoinNewMember(args, nowMs) : JoinKnownMember(args, nowMs);
    }

    private Task<JoinGroupResult> JoinNewMember(JoinGroupArgs args, long nowMs)
    {
        if (args.GroupInstanceId is not null && _members.Find(m => m.GroupInstanceId == args.GroupInstanceId) is { } previous)
        {
            // A static member restarting: the old incarnation is fenced and replaced.
            RemoveMember(previous, ErrorCode.FencedInstanceId);
        }
        var member = new GroupMember($"{args.ClientId}-{Guid.NewGuid()}", args.GroupInstanceId, args.ClientId, args.ClientHost);
        _members.Add(member);
        return AwaitJoin(member, args, nowMs);
    }

    private Task<JoinGroupResult> JoinKnownMember(JoinGroupArgs args, long nowMs)
    {
        var member = Find(args.MemberId);
        if (member is null)
        {
            return Task.FromResult(JoinGroupResult.Fail(ErrorCode.UnknownMemberId, args.MemberId));
        }
        var unchanged = member.SameProtocols(args.Protocols);
        switch (State)
        {
            case GroupState.CompletingRebalance when unchanged:
            case GroupState.Stable when unchanged && member.MemberId != LeaderId:
                // Nothing new from this member: answer with the current generation, no rebalance.
                member.LastHeartbeatMs = nowMs;
                return Task.FromResult(CurrentJoinResult(member));
            case GroupState.Empty:
                return Task.FromResult(JoinGroupResult.Fail(ErrorCode.UnknownMemberId, args.MemberId));
            default:
                return AwaitJoin(member, args, nowMs);
        }
    }

    private Task<JoinGroupResult> AwaitJoin(GroupMember member, JoinGroupArgs args, long nowMs)
    {
        member.Protocols = args.Protocols;
        member.SessionTimeoutMs = args.SessionTimeoutMs;
        member.RebalanceTimeoutMs = args.RebalanceTimeoutMs;
        member.LastHeartbeatMs = nowMs;
        member.PendingJoin?.TrySetResult(JoinGroupResult.Fail(ErrorCode.RebalanceInProgress, member.MemberId));
        member.PendingJoin = new TaskCompletionSource<JoinGroupResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = member.PendingJoin.Task;
        ProtocolType ??= args.ProtocolType;
        PrepareRebalance(nowMs);
        TryCompleteJoin(nowMs);
        return pending;
    }

    /// <summary>A (re)joining member must share a protocol with every other member (kafkajs and librdkafka cannot mix).</summary>
    private bool SupportsProtocols(string memberId, string protocolType, IReadOnlyList<GroupProtocol> protocols)
    {
        if (protocolType.Length == 0 || protocols.Count == 0)
        {
            return false;
        }
        var others = _members.Where(m => m.MemberId != memberId).ToList();
        if (others.Count == 0)
        {
            return true;
        }
        return protocolType == ProtocolType && protocols.Any(p => CandidateProtocols(others).Contains(p.Name));
    }

    /// <summary>Protocols every one of <paramref name="members"/> supports.</summary>
    private static HashSet<string> CandidateProtocols(IReadOnlyList<GroupMember> members)
    {
        var candidates = members[0].Protocols.Select(p => p.Name).ToHashSet();
        foreach (var member in members.Skip(1))
        {
            candidates.IntersectWith(member.Protocols.Select(p => p.Name));
        }
        return candidates;
    }

    private void PrepareRebalance(long nowMs)
    {
        if (State == GroupState.PreparingRebalance)
        {
            return;
        }
        if (State == GroupState.CompletingRebalance)
        {
            foreach (var waiting in _members.Where(m => m.PendingSync is not null))
            {
                waiting.PendingSync!.TrySetResult(SyncGroupResult.Fail(ErrorCode.RebalanceInProgress));
                waiting.PendingSync = null;
            }
        }
        _initialJoinUntilMs = State == GroupState.Empty ? nowMs + (long)initialRebalanceDelay.TotalMilliseconds : 0;
        _rebalanceDeadlineMs = nowMs + Math.Max(_members.Count == 0 ? 0 : _members.Max(m => m.RebalanceTimeoutMs), (long)initialRebalanceDelay.TotalMilliseconds);
        State = GroupState.PreparingRebalance;
    }

    /// <summary>Forms the next generation once every member has rejoined, or the rebalance timeout drops the rest.</summary>
    private void TryCompleteJoin(long nowMs)
    {
        if (State != GroupState.PreparingRebalance || nowMs < _initialJoinUntilMs)
        {
            return;
        }
        var everyoneJoined = _members.TrueForAll(m => m.PendingJoin is not null);
        if (!everyoneJoined && nowMs < _rebalanceDeadlineMs)
        {
            return;
        }
        foreach (var straggler in _members.Where(m => m.PendingJoin is null).ToList())
        {
            RemoveMember(straggler, ErrorCode.UnknownMemberId);
        }
        GenerationId++;
        if (_members.Count == 0)
        {
            State = GroupState.Empty;
            ProtocolName = null;
            LeaderId = null;
            return;
        }
        ProtocolName = ChooseProtocol();
        LeaderId = _members.Exists(m => m.MemberId == LeaderId) ? LeaderId : _members[0].MemberId;
        State = GroupState.CompletingRebalance;
        foreach (var member in _members)
        {
            member.Assignment = ReadOnlyMemory<byte>.Empty;
            member.LastHeartbeatMs = nowMs;
            var pending = member.PendingJoin!;
            member.PendingJoin = null;
            pending.TrySetResult(CurrentJoinResult(member));
        }
    }

    /// <summary>Each member votes for its most preferred candidate; the most votes wins (ties: the leader's order).</summary>
    private string ChooseProtocol()
    {
        var candidates = CandidateProtocols(_members);
        var votes = _members
            .Select(m => m.Protocols.First(p => candidates.Contains(p.Name)).Name)
            .GroupBy(name => name)
            .ToDictionary(g => g.Key, g => g.Count());
        var preference = _members[0].Protocols.Select(p => p.Name).Where(candidates.Contains).ToList();
        return preference.OrderByDescending(name => votes.GetValueOrDefault(name)).ThenBy(preference.IndexOf).First();
    }

    private JoinGroupResult CurrentJoinResult(GroupMember member)
    {
        var members = member.MemberId == LeaderId
            ? _members.Select(m => new JoinGroupResult.Member(m.MemberId, m.GroupInstanceId, m.MetadataFor(ProtocolName))).ToList()
            : [];
        return new JoinGroupResult(ErrorCode.None, GenerationId, ProtocolType, ProtocolName, LeaderId ?? string.Empty, member.MemberId, members);
    }

    private void RemoveMember(GroupMember member, ErrorCode reasonForWaiters)
    {
        _members.Remove(member);
        member.PendingJoin?.TrySetResult(JoinGroupResult.Fail(reasonForWaiters, member.MemberId));
        member.PendingSync?.TrySetResult(SyncGroupResult.Fail(reasonForWaiters));
        member.PendingJoin = null;
        member.PendingSync = null;
    }
}
