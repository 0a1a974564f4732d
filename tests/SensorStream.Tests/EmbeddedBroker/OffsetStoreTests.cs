using Microsoft.Extensions.Logging.Abstractions;
using SensorStream.EmbeddedBroker;
using SensorStream.EmbeddedBroker.Groups;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.EmbeddedBroker;

public sealed class OffsetStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new("offsets");

    private OffsetStore Open(FsyncPolicy fsync = FsyncPolicy.Always) => new(_dir.Path, fsync, NullLogger.Instance);

    [Fact]
    public void Commits_SurviveReopen_AndDeletedGroupsStayDeleted()
    {
        using (var store = Open())
        {
            store.Commit("g1", [("t", 0, new CommittedOffset(10, -1, "meta", 1)), ("t", 1, new CommittedOffset(20, 3, null, 1))]);
            store.Commit("g1", [("t", 0, new CommittedOffset(11, -1, null, 2))]);
            store.Commit("g2", [("t", 0, new CommittedOffset(5, -1, null, 2))]);
            store.DeleteGroup("g2");
        }

        using var reopened = Open();

        Assert.Equal(11, reopened.Get("g1", "t", 0)!.Value.Offset);
        Assert.Equal(new CommittedOffset(20, 3, null, 1), reopened.Get("g1", "t", 1));
        Assert.Null(reopened.Get("g2", "t", 0));
        Assert.Equal(["g1"], reopened.GroupIds);
    }

    [Fact]
    public void TornTail_IsCutOff_AndEarlierCommitsKept()
    {
        using (var store = Open())
        {
            store.Commit("g", [("t", 0, new CommittedOffset(7, -1, null, 1))]);
        }
        var path = Path.Combine(_dir.Path, "offsets.log");
        var intact = new FileInfo(path).Length;
        File.AppendAllText(path, "\u0030\0\0\0garbage");

        using (var reopened = Open())
        {
            Assert.Equal(7, reopened.Get("g", "t", 0)!.Value.Offset);
            reopened.Commit("g", [("t", 0, new CommittedOffset(8, -1, null, 2))]);
        }
        Assert.True(new FileInfo(path).Length > intact);
        using var third = Open();
        Assert.Equal(8, third.Get("g", "t", 0)!.Value.Offset);
    }

    [Fact]
    public void ManyCommits_AreCompacted_WithoutLosingTheLatest()
    {
        using (var store = Open(FsyncPolicy.Never))
        {
            for (var i = 0; i < 30_000; i++)
            {
                store.Commit("g", [("topic", i % 3, new CommittedOffset(i, -1, null, i))]);
            }
        }
        Assert.True(new FileInfo(Path.Combine(_dir.Path, "offsets.log")).Length < 1024 * 1024 + 64 * 1024);

        using var reopened = Open();
        Assert.Equal(29_999, reopened.Get("g", "topic", 29_999 % 3)!.Value.Offset);
    }

    public void Dispose() => _dir.Dispose();
}
