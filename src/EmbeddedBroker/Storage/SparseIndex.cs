using System.Buffers.Binary;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>
/// A sorted, append-only list of <see cref="SparseIndexEntry"/> with floor lookups, saved as a flat file of
/// 12-byte big-endian entries (8-byte key, 4-byte position) when a segment is rolled. Thread-safe: one writer
/// (the partition's appender) and any number of readers.
/// </summary>
internal sealed class SparseIndex
{
    private const int EntrySize = 12;
    private readonly List<SparseIndexEntry> _entries = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public SparseIndexEntry? Last
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count == 0 ? null : _entries[^1];
            }
        }
    }

    public void Add(long key, int position)
    {
        lock (_lock)
        {
            _entries.Add(new SparseIndexEntry(key, position));
        }
    }

    /// <summary>The position of the last entry whose key is strictly less than <paramref name="key"/>, or 0.</summary>
    public int PositionBefore(long key) => FloorPosition(key, inclusive: false);

    /// <summary>The position of the last entry whose key is at most <paramref name="key"/>, or 0.</summary>
    public int PositionAtOrBefore(long key) => FloorPosition(key, inclusive: true);

    private int FloorPosition(long key, bool inclusive)
    {
        lock (_lock)
        {
            int low = 0, high = _entries.Count - 1, found = -1;
            while (low <= high)
            {
                var mid = (low + high) >>> 1;
                var k = _entries[mid].Key;
                if (k < key || (inclusive && k == key))
                {
                    found = mid;
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }
            return found < 0 ? 0 : _entries[found].Position;
        }
    }

    /// <summary>Drops entries pointing at or past <paramref name="position"/> (after a tail truncation).</summary>
    public void TruncateFrom(int position)
    {
        lock (_lock)
        {
            _entries.RemoveAll(e => e.Position >= position);
        }
    }

    public void Save(string path)
    {
        SparseIndexEntry[] snapshot;
        lock (_lock)
        {
            snapshot = [.. _entries];
        }
        var bytes = new byte[snapshot.Length * EntrySize];
        for (var i = 0; i < snapshot.Length; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(i * EntrySize), snapshot[i].Key);
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan((i * EntrySize) + 8), snapshot[i].Position);
        }
        DurableFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Loads an index file; null when it is missing, torn, unsorted or points past <paramref name="segmentSize"/>.</summary>
    public static SparseIndex? TryLoad(string path, long segmentSize)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length % EntrySize != 0)
        {
            return null;
        }
        var index = new SparseIndex();
        long previousKey = long.MinValue;
        var previousPosition = -1;
        for (var at = 0; at < bytes.Length; at += EntrySize)
        {
            var key = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(at));
            var position = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at + 8));
            if (key < previousKey || position < previousPosition || position > segmentSize)
            {
                return null;
            }
            index._entries.Add(new SparseIndexEntry(key, position));
            previousKey = key;
            previousPosition = position;
        }
        return index;
    }
}
