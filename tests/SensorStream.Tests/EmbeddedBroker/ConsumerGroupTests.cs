using SensorStream.EmbeddedBroker.Groups;
using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.Tests.EmbeddedBroker;

public sealed class ConsumerGroupTests
{
    private readonly ConsumerGroup _group = new("g", TimeSpan.Zero);

    private static JoinGroupArgs Args(string memberId = "", string client = "c", params string[] protocols) =>
        new("g", memberId, null, "consumer", [.. (protocols.Length == 0 ? ["range", "roundrobin"] : protocols).Select(p => new GroupProtocol(p, new byte[] { 1 }))],
            SessionTimeoutMs: 10_000, RebalanceTimeoutMs: 30_000, client, "127.0.0.1");

    private Task<JoinGroupResult> Join(JoinGroupArgs args, long now)
    {
        lock (_group.Lock)
        {
            return _group.Join(args, now);
        }
    }

    private Task<SyncGroupResult> Sync(string member, int generation, long now, Dictionary<string, ReadOnlyMemory<byte>>? assignments = null)
    {
        lock (_group.Lock)
        {
            return _group.Sync(member, generation, assignments ?? [], now);
        }
    }

    private ErrorCode Heartbeat(string member, int generation, long now)
    {
        lock (_group.Lock)
        {
            return _group.Heartbeat(member, generation, now);
        }
    }

    private void Tick(long now)
    {
        lock (_group.Lock)
        {
            _group.Tick(now);
        }
    }

    [Fact]
    public async Task FirstMember_BecomesLeaderOfGenerationOne_AndGetsItsAssignment()
    {
        var join = await Join(Args(), 0);

        Assert.Equal((ErrorCode.None, 1, "range"), (join.Error, join.GenerationId, join.ProtocolName));
        Assert.Equal(join.MemberId, join.LeaderId);
        Assert.Single(join.Members);

        var sync = await Sync(join.MemberId, 1, 1, new() { [join.MemberId] = new byte[] { 9 } });
        Assert.Equal(new byte[] { 9 }, sync.Assignment.ToArray());
        Assert.Equal(GroupState.Stable, _group.State);
    }

    [Fact]
    public async Task SecondMember_TriggersRebalance_ThatCompletesWhenTheFirstRejoins()
    {
        var first = await Join(Args(client: "a"), 0);
        await Sync(first.MemberId, 1, 0, new() { [first.MemberId] = new byte[] { 1 } });

        var secondJoin = Join(Args(client: "b"), 10);
        Assert.False(secondJoin.IsCompleted);
        Assert.Equal(ErrorCode.RebalanceInProgress, Heartbeat(first.MemberId, 1, 20));

        var firstRejoin = await Join(Args(first.MemberId, "a"), 30);
        var second = await secondJoin;

        Assert.Equal(2, firstRejoin.GenerationId);
        Assert.Equal(2, second.GenerationId);
        Assert.Equal(first.MemberId, firstRejoin.LeaderId);
        Assert.Equal(2, firstRejoin.Members.Count);
        Assert.Empty(second.Members);

        var followerSync = Sync(second.MemberId, 2, 40);
        Assert.False(followerSync.IsCompleted);
        await Sync(first.MemberId, 2, 50, new() { [first.MemberId] = new byte[] { 1 } });
        Assert.Equal(0, (await followerSync).Assignment.Length); // left out by the leader: empty assignment
    }

    [Fact]
    public async Task MemberThatNeverRejoins_IsDroppedWhenTheRebalanceTimeoutPasses()
    {
        var first = await Join(Args(client: "a"), 0);
        await Sync(first.MemberId, 1, 0);

        var second = Join(Args(client: "b"), 1_000);
        // The first member keeps its session alive but never rejoins (e.g. stuck processing a batch).
        foreach (var now in new[] { 9_000, 18_000, 27_000 })
        {
            Assert.Equal(ErrorCode.RebalanceInProgress, Heartbeat(first.MemberId, 1, now));
            Tick(now);
        }
        Assert.False(second.IsCompleted);
        Tick(31_001);

        var result = await second;
        Assert.Equal(ErrorCode.None, result.Error);
        Assert.Single(_group.Members);
        Assert.Equal(result.MemberId, result.LeaderId);
    }

    [Fact]
    public async Task SilentMember_ExpiresAfterItsSessionTimeout()
    {
        var join = await Join(Args(), 0);
        await Sync(join.MemberId, 1, 0);

        Tick(9_000);
        Assert.Equal(ErrorCode.None, Heartbeat(join.MemberId, 1, 9_000));
        Tick(19_001);

        Assert.Equal(GroupState.Empty, _group.State);
        Assert.Equal(ErrorCode.UnknownMemberId, Heartbeat(join.MemberId, 1, 19_002));
    }

    [Fact]
    public async Task IncompatibleProtocols_AreRefused_AsKafkaDoes()
    {
        await Join(Args(protocols: "range"), 0);

        var kafkajs = await Join(Args(client: "kafkajs", protocols: "RoundRobinAssigner"), 1);

        Assert.Equal(ErrorCode.InconsistentGroupProtocol, kafkajs.Error);
    }

    [Fact]
    public async Task Heartbeat_WithAStaleGeneration_IsIllegalGeneration()
    {
        var join = await Join(Args(), 0);

        Assert.Equal(ErrorCode.IllegalGeneration, Heartbeat(join.MemberId, 0, 1));
        Assert.Equal(ErrorCode.UnknownMemberId, Heartbeat("stranger", 1, 1));
    }

    [Fact]
    public async Task Leave_OfTheLastMember_EmptiesTheGroup_AndAllowsSimpleCommits()
    {
        var join = await Join(Args(), 0);
        await Sync(join.MemberId, 1, 0);

        lock (_group.Lock)
        {
            Assert.Equal(ErrorCode.None, _group.CheckCommit(join.MemberId, 1, 5));
            Assert.Equal(ErrorCode.UnknownMemberId, _group.CheckCommit(string.Empty, -1, 5));
            Assert.Equal(ErrorCode.None, _group.Leave(join.MemberId, null, 10));
            Assert.Equal(GroupState.Empty, _group.State);
            Assert.Equal(ErrorCode.None, _group.CheckCommit(string.Empty, -1, 20));
        }
    }

    [Fact]
    public async Task CommitBetweenJoinAndSync_IsRebalanceInProgress()
    {
        var join = await Join(Args(), 0);

        lock (_group.Lock)
        {
            Assert.Equal(ErrorCode.RebalanceInProgress, _group.CheckCommit(join.MemberId, 1, 1));
        }
    }

    [Fact]
    public async Task FollowerRejoiningWithSameMetadata_GetsCurrentGenerationWithoutRebalance()
    {
        var leader = await Join(Args(client: "a"), 0);
        var followerJoin = Join(Args(client: "b"), 1);
        await Sync(leader.MemberId, 1, 1);
        await Join(Args(leader.MemberId, "a"), 2);
        var follower = await followerJoin;
        await Sync(leader.MemberId, 2, 3);

        var again = await Join(Args(follower.MemberId, "b"), 4);

        Assert.Equal(2, again.GenerationId);
        Assert.Equal(GroupState.Stable, _group.State);
    }
}
