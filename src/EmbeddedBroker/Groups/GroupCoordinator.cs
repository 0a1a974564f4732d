using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Groups;

/// <summary>
/// The group coordinator of the single node: consumer groups' membership (<see cref="ConsumerGroup"/>) and
/// their committed offsets (<see cref="OffsetStore"/>). A background loop expires silent members, completes
/// rebalances whose timeout passed, and drops offsets of groups empty for longer than the retention.
/// </summary>
internal sealed partial class GroupCoordinator : IAsyncDisposable
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);
    private const long OffsetExpiryCheckIntervalMs = 60_000;

    private readonly ConcurrentDictionary<string, ConsumerGroup> _groups = new(StringComparer.Ordinal);
    private readonly BrokerOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _maintenance;
    private readonly TimeProvider _time;
    private long _lastOffsetExpiryMs;

    public GroupCoordinator(BrokerOptions options, OffsetStore offsets, ILogger logger, TimeProvider? time = null)
    {
        _options = options;
        Offsets = offsets;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _maintenance = Task.Run(MaintainAsync);
    }

    public OffsetStore Offsets { get; }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Every group with members or committed offsets.</summary>
    public IEnumerable<string> GroupIds => _groups.Keys.Union(Offsets.GroupIds).Distinct();

    public ConsumerGroup? Find(string groupId) => _groups.GetValueOrDefault(groupId);

    private ConsumerGroup GetOrCreate(string groupId) =>
        _groups.GetOrAdd(groupId, id => new ConsumerGroup(id, _options.GroupInitialRebalanceDelay));

    public Task<JoinGroupResult> JoinAsync(JoinGroupArgs args)
    {
        if (args.GroupId.Length == 0)
        {
            return Task.FromResult(JoinGroupResult.Fail(ErrorCode.InvalidGroupId, args.MemberId));
        }
        if (args.SessionTimeoutMs < _options.GroupMinSessionTimeout.TotalMilliseconds || args.SessionTimeoutMs > _options.GroupMaxSessionTimeout.TotalMilliseconds)
        {
            return Task.FromResult(JoinGroupResult.Fail(ErrorCode.InvalidSessionTimeout, args.MemberId));
        }
        while (true)
        {
            var group = GetOrCreate(args.GroupId);
            lock (group.Lock)
            {
                // The maintenance loop may have just retired this (empty) group; join its successor instead.
                if (group.State == GroupState.Dead)
                {
                    continue;
                }
                var result = group.Join(args, NowMs);
                LogJoin(_logger, args.GroupId, args.MemberId.Length == 0 ? "(new)" : args.MemberId, args.ClientHost, group.State);
                return result;
            }
        }
    }

    public Task<SyncGroupResult> SyncAsync(string groupId, string memberId, int generationId, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> assignments)
    {
        if (Find(groupId) is not { } group)
        {
            return Task.FromResult(SyncGroupResult.Fail(ErrorCode.UnknownMemberId));
        }
        lock (group.Lock)
        {
            return group.Sync(memberId, generationId, assignments, NowMs);
        }
    }

    public ErrorCode Heartbeat(string groupId, string memberId, int generationId)
    {
        if (Find(groupId) is not { } group)
        {
            return ErrorCode.UnknownMemberId;
        }
        lock (group.Lock)
        {
            return group.Heartbeat(memberId, generationId, NowMs);
        }
    }

    public ErrorCode Leave(string groupId, string memberId, string? groupInstanceId)
    {
        if (Find(groupId) is not { } group)
        {
            return ErrorCode.UnknownMemberId;
        }
        lock (group.Lock)
        {
            var error = group.Leave(memberId, groupInstanceId, NowMs);
            LogLeave(_logger, groupId, memberId, error);
            return error;
        }
    }

    /// <summary>Validates and stores offset commits; returns the error for every partition (one code for all).</summary>
    public ErrorCode Commit(string groupId, string memberId, int generationId, IReadOnlyList<(string Topic, int Partition, long Offset, int LeaderEpoch, string? Metadata)> commits)
    {
        if (groupId.Length == 0)
        {
            return ErrorCode.InvalidGroupId;
        }
        if (Find(groupId) is not { } group)
        {
            if (generationId >= 0)
            {
                return ErrorCode.IllegalGeneration;
            }
            group = GetOrCreate(groupId);
        }
        lock (group.Lock)
        {
            var now = NowMs;
            var error = group.CheckCommit(memberId, generationId, now);
            if (error == ErrorCode.None)
            {
                Offsets.Commit(groupId, [.. commits.Select(c => (c.Topic, c.Partition, new CommittedOffset(c.Offset, c.LeaderEpoch, c.Metadata, now)))]);
            }
            return error;
        }
    }

    /// <summary>Deletes a group that has no members, with its offsets.</summary>
    public ErrorCode Delete(string groupId)
    {
        var group = Find(groupId);
        if (group is null && !Offsets.HasOffsets(groupId))
        {
            return ErrorCode.GroupIdNotFound;
        }
        if (group is not null)
        {
            lock (group.Lock)
            {
                if (group.Members.Count > 0)
                {
                    return ErrorCode.NonEmptyGroup;
                }
                group.MarkDead();
                _groups.TryRemove(groupId, out _);
            }
        }
        Offsets.DeleteGroup(groupId);
        return ErrorCode.None;
    }

    private async Task MaintainAsync()
    {
        using var timer = new PeriodicTimer(TickInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                var now = NowMs;
                foreach (var group in _groups.Values)
                {
                    lock (group.Lock)
                    {
                        group.Tick(now);
                        // A group with no members and nothing committed is forgotten, as Kafka marks it Dead.
                        if (group.State == GroupState.Empty && !Offsets.HasOffsets(group.GroupId))
                        {
                            group.MarkDead();
                            _groups.TryRemove(group.GroupId, out _);
                        }
                    }
                }
                if (now - _lastOffsetExpiryMs >= OffsetExpiryCheckIntervalMs)
                {
                    _lastOffsetExpiryMs = now;
                    ExpireOffsetsOfEmptyGroups(now);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void ExpireOffsetsOfEmptyGroups(long nowMs)
    {
        var retentionMs = (long)_options.OffsetsRetention.TotalMilliseconds;
        foreach (var groupId in Offsets.GroupIds)
        {
            var active = Find(groupId) is { } group && group.Members.Count > 0;
            if (!active && Offsets.LastCommitMs(groupId) is { } last && nowMs - last > retentionMs)
            {
                Offsets.DeleteGroup(groupId);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _maintenance.ConfigureAwait(false);
        _stopping.Dispose();
        Offsets.Dispose();
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Debug, Message = "JoinGroup {Group} member {Member} from {Host}: group now {State}")]
    private static partial void LogJoin(ILogger logger, string group, string member, string host, GroupState state);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Debug, Message = "LeaveGroup {Group} member {Member}: {Error}")]
    private static partial void LogLeave(ILogger logger, string group, string member, ErrorCode error);
}
