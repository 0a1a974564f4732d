using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SensorStream.EmbeddedBroker.Storage;

namespace SensorStream.EmbeddedBroker.Groups;

/// <summary>
/// Committed consumer-group offsets: in memory for lookups, and appended to <c>{DataDir}/groups/offsets.log</c>
/// before a commit is acknowledged, so they survive kill -9. Each record is length + CRC-32C + payload;
/// replay on start stops at the first torn record. The file is rewritten compactly once it is mostly stale.
/// </summary>
internal sealed partial class OffsetStore : IDisposable
{
    private const byte CommitRecord = 1;
    private const byte DeleteGroupRecord = 2;
    private const long CompactionMinimumBytes = 1024 * 1024;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<(string Topic, int Partition), CommittedOffset>> _groups = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();
    private readonly string _path;
    private readonly FsyncPolicy _fsync;
    private readonly ILogger _logger;
    private FileStream _log;

    public OffsetStore(string directory, FsyncPolicy fsync, ILogger logger)
    {
        Directory.CreateDirectory(directory);
        _path = Path.Combine(directory, "offsets.log");
        _fsync = fsync;
        _logger = logger;
        var validLength = Replay();
        _log = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 1);
        if (_log.Length > validLength)
        {
            LogTornTail(_logger, _log.Length - validLength);
            _log.SetLength(validLength);
        }
        _log.Position = validLength;
    }

    public IEnumerable<string> GroupIds => _groups.Keys;

    public bool HasOffsets(string group) => _groups.TryGetValue(group, out var offsets) && !offsets.IsEmpty;

    public CommittedOffset? Get(string group, string topic, int partition) =>
        _groups.TryGetValue(group, out var offsets) && offsets.TryGetValue((topic, partition), out var committed) ? committed : null;

    public IReadOnlyDictionary<(string Topic, int Partition), CommittedOffset> GetAll(string group) =>
        _groups.TryGetValue(group, out var offsets) ? offsets : new Dictionary<(string, int), CommittedOffset>();

    /// <summary>Stores commits durably (written before returning; fsynced too under <see cref="FsyncPolicy.Always"/>).</summary>
    public void Commit(string group, IReadOnlyList<(string Topic, int Partition, CommittedOffset Offset)> commits)
    {
        if (commits.Count == 0)
        {
            return;
        }
        using var buffer = new MemoryStream();
        foreach (var (topic, partition, offset) in commits)
        {
            WriteCommit(buffer, group, topic, partition, offset);
        }
        Append(buffer);
        var offsets = _groups.GetOrAdd(group, _ => new());
        foreach (var (topic, partition, offset) in commits)
        {
            offsets[(topic, partition)] = offset;
        }
    }

    /// <summary>Forgets every offset of a group (DeleteGroups, offset expiry).</summary>
    public void DeleteGroup(string group)
    {
        if (!_groups.TryRemove(group, out _))
        {
            return;
        }
        using var buffer = new MemoryStream();
        WriteRecord(buffer, w =>
        {
            w.Write(DeleteGroupRecord);
            w.Write(group);
        });
        Append(buffer);
    }

    /// <summary>The newest commit time of a group, or null if it has no offsets.</summary>
    public long? LastCommitMs(string group) =>
        _groups.TryGetValue(group, out var offsets) && !offsets.IsEmpty ? offsets.Values.Max(o => o.CommitTimestampMs) : null;

    public void Flush()
    {
        lock (_writeLock)
        {
            _log.Flush(flushToDisk: true);
        }
    }

    private void Append(MemoryStream records)
    {
        lock (_writeLock)
        {
            _log.Write(records.GetBuffer(), 0, (int)records.Length);
            if (_fsync == FsyncPolicy.Always)
            {
                _log.Flush(flushToDisk: true);
            }
            if (_log.Length > CompactionMinimumBytes && _log.Length > 4 * EstimateLiveBytes())
            {
                Compact();
            }
        }
    }

    private long EstimateLiveBytes() => _groups.Sum(g => g.Value.Count * (64L + g.Key.Length));

    /// <summary>Rewrites the file with only the current offsets (temp file, fsync, rename).</summary>
    private void Compact()
    {
        using var buffer = new MemoryStream();
        foreach (var (group, offsets) in _groups)
        {
            foreach (var ((topic, partition), offset) in offsets)
            {
                WriteCommit(buffer, group, topic, partition, offset);
            }
        }
        _log.Dispose();
        DurableFile.WriteAllBytes(_path, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        _log = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 1);
        _log.Position = _log.Length;
    }

    private static void WriteCommit(MemoryStream destination, string group, string topic, int partition, CommittedOffset offset) =>
        WriteRecord(destination, w =>
        {
            w.Write(CommitRecord);
            w.Write(group);
            w.Write(topic);
            w.Write(partition);
            w.Write(offset.Offset);
            w.Write(offset.LeaderEpoch);
            w.Write(offset.Metadata is not null);
            w.Write(offset.Metadata ?? string.Empty);
            w.Write(offset.CommitTimestampMs);
        });

    private static void WriteRecord(MemoryStream destination, Action<BinaryWriter> writePayload)
    {
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writePayload(writer);
        }
        var bytes = payload.GetBuffer().AsSpan(0, (int)payload.Length);
        using var header = new BinaryWriter(destination, System.Text.Encoding.UTF8, leaveOpen: true);
        header.Write(bytes.Length);
        header.Write(Crc32C.Compute(bytes));
        header.Write(bytes);
    }

    /// <summary>Loads every intact record; returns the length of the intact prefix.</summary>
    private long Replay()
    {
        if (!File.Exists(_path))
        {
            return 0;
        }
        var data = File.ReadAllBytes(_path);
        var position = 0;
        while (data.Length - position >= 8)
        {
            var length = BitConverter.ToInt32(data, position);
            var crc = BitConverter.ToUInt32(data, position + 4);
            if (length <= 0 || length > data.Length - position - 8 || Crc32C.Compute(data.AsSpan(position + 8, length)) != crc)
            {
                break;
            }
            using var reader = new BinaryReader(new MemoryStream(data, position + 8, length));
            var type = reader.ReadByte();
            var group = reader.ReadString();
            if (type == CommitRecord)
            {
                var topic = reader.ReadString();
                var partition = reader.ReadInt32();
                var offset = reader.ReadInt64();
                var epoch = reader.ReadInt32();
                var hasMetadata = reader.ReadBoolean();
                var metadata = reader.ReadString();
                var timestamp = reader.ReadInt64();
                _groups.GetOrAdd(group, _ => new())[(topic, partition)] = new CommittedOffset(offset, epoch, hasMetadata ? metadata : null, timestamp);
            }
            else if (type == DeleteGroupRecord)
            {
                _groups.TryRemove(group, out _);
            }
            position += 8 + length;
        }
        return position;
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            _log.Flush(flushToDisk: true);
            _log.Dispose();
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Committed offsets log had a torn tail of {Bytes} bytes (a crash mid-write); it was cut off")]
    private static partial void LogTornTail(ILogger logger, long bytes);
}
