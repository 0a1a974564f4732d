using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace SensorStream.Contracts.Kafka.Groups;

/// <summary>
/// Lists, describes and resets consumer groups on any Kafka cluster (the embedded broker included) with the semantics
/// of Kafka's <c>kafka-consumer-groups</c> tool: lag is log end minus committed offset; a reset is computed as a plan
/// first and committed only on request, and only while the group has no members, so a running consumer never has its
/// position moved under it.
/// </summary>
public sealed class ConsumerGroupAdmin : IDisposable
{
    private readonly IAdminClient _admin;
    private readonly IConsumer<byte[], byte[]> _offsets;
    private readonly TimeSpan _timeout;

    /// <summary>Connects to <paramref name="kafka"/>'s cluster; <paramref name="timeout"/> bounds each request (default 30 s).</summary>
    public ConsumerGroupAdmin(KafkaOptions kafka, TimeSpan? timeout = null)
    {
        _timeout = timeout ?? TimeSpan.FromSeconds(30);
        _admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.BootstrapServers, ClientId = kafka.ClientId }).Build();
        // Watermarks and offsets-for-times are consumer requests; this consumer never subscribes, so it never joins its group.
        _offsets = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            ClientId = kafka.ClientId,
            GroupId = $"{kafka.ClientId}-group-admin",
            EnableAutoCommit = false,
        }).Build();
    }

    /// <summary>Every consumer group the cluster knows, with its state, ordered by id.</summary>
    /// <exception cref="KafkaException">The cluster cannot be reached.</exception>
    public async Task<IReadOnlyList<(string GroupId, string State)>> ListAsync()
    {
        var result = await _admin.ListConsumerGroupsAsync(new ListConsumerGroupsOptions { RequestTimeout = _timeout }).ConfigureAwait(false);
        return [.. result.Valid.Select(g => (g.GroupId, g.State.ToString())).OrderBy(g => g.GroupId, StringComparer.Ordinal)];
    }

    /// <summary>The group's state, members and, per partition it has committed or owns, committed offset, log end and lag.</summary>
    /// <exception cref="ConsumerGroupException">The cluster has no group of that id (no members, no committed offsets).</exception>
    public async Task<GroupDescription> DescribeAsync(string groupId)
    {
        var description = (await _admin.DescribeConsumerGroupsAsync([groupId], new DescribeConsumerGroupsOptions { RequestTimeout = _timeout })
            .ConfigureAwait(false)).ConsumerGroupDescriptions.Single();
        var committed = await CommittedAsync(groupId).ConfigureAwait(false);
        var owners = description.Members
            .SelectMany(m => (m.Assignment?.TopicPartitions ?? []).Select(tp => (tp, m)))
            .ToDictionary(x => x.tp, x => x.m);
        if (description.Members.Count == 0 && committed.Count == 0 && description.State is ConsumerGroupState.Dead or ConsumerGroupState.Unknown)
        {
            throw new ConsumerGroupException($"consumer group '{groupId}' does not exist");
        }
        var partitions = committed.Keys.Union(owners.Keys)
            .OrderBy(tp => tp.Topic, StringComparer.Ordinal).ThenBy(tp => tp.Partition.Value)
            .Select(tp =>
            {
                owners.TryGetValue(tp, out var owner);
                var end = _offsets.QueryWatermarkOffsets(tp, _timeout).High.Value;
                return new GroupPartitionLag(tp.Topic, tp.Partition.Value, committed.TryGetValue(tp, out var offset) ? offset : null, end,
                    owner?.ConsumerId, owner?.Host, owner?.ClientId);
            })
            .ToList();
        return new GroupDescription(groupId, description.State.ToString(), description.Members.Count, partitions);
    }

    /// <summary>
    /// Computes a reset of <paramref name="groupId"/>'s offsets to <paramref name="target"/> for <paramref name="scope"/>
    /// (topic → partitions, null = every partition; a null scope = every topic the group has committed offsets for).
    /// Nothing changes until <see cref="ExecuteAsync"/>.
    /// </summary>
    /// <exception cref="ConsumerGroupException">The scope names a topic or partition the cluster does not have, or resolves to no partition.</exception>
    public async Task<OffsetResetPlan> PlanResetAsync(string groupId, OffsetResetTarget target, IReadOnlyDictionary<string, IReadOnlyList<int>?>? scope)
    {
        var committed = await CommittedAsync(groupId).ConfigureAwait(false);
        var partitions = scope is null ? [.. committed.Keys] : ResolveScope(scope);
        if (partitions.Count == 0)
        {
            throw new ConsumerGroupException(scope is null
                ? $"consumer group '{groupId}' has no committed offsets: name the topics to reset with --topic"
                : "the chosen topics have no partitions");
        }
        var times = target is OffsetResetTarget.AtTime at
            ? _offsets.OffsetsForTimes(partitions.Select(tp => new TopicPartitionTimestamp(tp, new Timestamp(at.Time.UtcDateTime, TimestampType.CreateTime))), _timeout)
                .ToDictionary(r => r.TopicPartition, r => r.Offset)
            : null;
        var rows = partitions
            .OrderBy(tp => tp.Topic, StringComparer.Ordinal).ThenBy(tp => tp.Partition.Value)
            .Select(tp =>
            {
                var watermarks = _offsets.QueryWatermarkOffsets(tp, _timeout);
                long? current = committed.TryGetValue(tp, out var c) ? c : null;
                var wanted = target switch
                {
                    OffsetResetTarget.Earliest => watermarks.Low.Value,
                    OffsetResetTarget.Latest => watermarks.High.Value,
                    // No record at or after the time: the end, as Kafka's tool does.
                    OffsetResetTarget.AtTime => times![tp] is { IsSpecial: false } found ? found.Value : watermarks.High.Value,
                    OffsetResetTarget.ShiftBy shift => (current ?? watermarks.Low.Value) + shift.Count,
                    OffsetResetTarget.ToOffset absolute => absolute.Offset,
                    _ => throw new InvalidOperationException($"unknown reset target {target.GetType().Name}"),
                };
                return new OffsetResetRow(tp.Topic, tp.Partition.Value, current, Math.Clamp(wanted, watermarks.Low.Value, watermarks.High.Value));
            })
            .ToList();
        return new OffsetResetPlan(groupId, target, rows);
    }

    /// <summary>Commits <paramref name="plan"/>'s new offsets for its group, refusing while the group has members.</summary>
    /// <exception cref="ConsumerGroupException">The group is active (the message names its state and member count) or the commit failed.</exception>
    public async Task ExecuteAsync(OffsetResetPlan plan)
    {
        var description = (await _admin.DescribeConsumerGroupsAsync([plan.GroupId], new DescribeConsumerGroupsOptions { RequestTimeout = _timeout })
            .ConfigureAwait(false)).ConsumerGroupDescriptions.Single();
        if (description.Members.Count > 0 || description.State is not (ConsumerGroupState.Empty or ConsumerGroupState.Dead or ConsumerGroupState.Unknown))
        {
            throw new ConsumerGroupException($"offsets can only be reset while group '{plan.GroupId}' is inactive, but it is {description.State} " +
                $"with {description.Members.Count} member(s): stop its consumers first");
        }
        var offsets = plan.Rows.Select(r => new TopicPartitionOffset(r.Topic, r.Partition, r.NewOffset)).ToList();
        try
        {
            await _admin.AlterConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitionOffsets(plan.GroupId, offsets)],
                new AlterConsumerGroupOffsetsOptions { RequestTimeout = _timeout }).ConfigureAwait(false);
        }
        catch (AlterConsumerGroupOffsetsException e)
        {
            var failed = e.Results.SelectMany(r => r.Partitions).Where(p => p.Error.IsError).Select(p => $"{p.TopicPartition}: {p.Error.Reason}");
            throw new ConsumerGroupException($"resetting group '{plan.GroupId}' failed: {string.Join("; ", failed.DefaultIfEmpty(e.Message))}", e);
        }
    }

    private async Task<Dictionary<TopicPartition, long>> CommittedAsync(string groupId)
    {
        var result = await _admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(groupId, null)],
            new ListConsumerGroupOffsetsOptions { RequestTimeout = _timeout }).ConfigureAwait(false);
        return result.Single().Partitions
            .Where(p => !p.Error.IsError && !p.Offset.IsSpecial)
            .ToDictionary(p => p.TopicPartition, p => p.Offset.Value);
    }

    private List<TopicPartition> ResolveScope(IReadOnlyDictionary<string, IReadOnlyList<int>?> scope)
    {
        var metadata = _admin.GetMetadata(_timeout);
        var partitions = new List<TopicPartition>();
        foreach (var (topic, wanted) in scope)
        {
            var known = metadata.Topics.FirstOrDefault(t => t.Topic == topic && t.Error.Code == ErrorCode.NoError)
                ?? throw new ConsumerGroupException($"topic '{topic}' does not exist");
            var existing = known.Partitions.Select(p => p.PartitionId).ToHashSet();
            foreach (var partition in wanted ?? [.. existing.Order()])
            {
                if (!existing.Contains(partition))
                {
                    throw new ConsumerGroupException($"topic '{topic}' has no partition {partition} (it has {existing.Count})");
                }
                partitions.Add(new TopicPartition(topic, partition));
            }
        }
        return partitions;
    }

    /// <summary>Releases the admin client and the offsets consumer.</summary>
    public void Dispose()
    {
        _offsets.Close();
        _offsets.Dispose();
        _admin.Dispose();
    }
}
