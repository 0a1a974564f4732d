using Microsoft.Extensions.Logging;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>Opening (with crash recovery), retention and deletion of a partition log.</summary>
internal sealed partial class PartitionLog
{
    /// <summary>How long a deleted segment's file stays open so reads already under way can finish.</summary>
    private static readonly TimeSpan DeletedSegmentGrace = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Opens the partition in <paramref name="directory"/>, creating it if new. Closed segments load their saved
    /// indexes; the active segment is read batch by batch and a torn tail is cut off. Idempotent-producer state
    /// comes from the snapshot taken at the last roll plus the active segment, or from every segment if there
    /// is no snapshot.
    /// </summary>
    public static PartitionLog Open(string topic, int partition, string directory, BrokerOptions options,
        Func<TopicConfig> config, ILogger logger)
    {
        System.IO.Directory.CreateDirectory(directory);
        foreach (var leftover in System.IO.Directory.EnumerateFiles(directory, "*.tmp")
                     .Concat(System.IO.Directory.EnumerateFiles(directory, "*.deleted")))
        {
            File.Delete(leftover);
        }
        var bases = System.IO.Directory.EnumerateFiles(directory, "*.log")
            .Select(f => long.TryParse(Path.GetFileNameWithoutExtension(f), out var b) ? b : -1)
            .Where(b => b >= 0)
            .Order()
            .ToList();
        if (bases.Count == 0)
        {
            var fresh = LogSegment.Create(directory, 0, options.IndexIntervalBytes);
            return new PartitionLog(topic, partition, directory, options, config, logger, [fresh], new ProducerStateTable());
        }

        var segments = new List<LogSegment>(bases.Count);
        foreach (var closedBase in bases.SkipLast(1))
        {
            segments.Add(LogSegment.Open(directory, closedBase, options.IndexIntervalBytes, trustIndexes: true, onBatch: null, out _));
        }
        var activeBase = bases[^1];
        var producers = ProducerStateTable.TryLoad(Path.Combine(directory, LogSegment.FileStem(activeBase) + ".snapshot"));
        if (producers is null)
        {
            producers = new ProducerStateTable();
            foreach (var closed in segments)
            {
                closed.ForEachBatchHeader(h => producers.Record(h, h.BaseOffset));
            }
        }
        var active = LogSegment.Open(directory, activeBase, options.IndexIntervalBytes, trustIndexes: false,
            h => producers.Record(h, h.BaseOffset), out var truncated);
        segments.Add(active);
        if (truncated > 0)
        {
            LogTornTailTruncated(logger, topic, partition, truncated, active.NextOffset);
        }
        producers.ExpireOlderThan(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)options.ProducerIdExpiration.TotalMilliseconds);
        return new PartitionLog(topic, partition, directory, options, config, logger, [.. segments], producers);
    }

    /// <summary>
    /// Deletes closed segments that are past the topic's retention time or push the partition over its
    /// retention size. The active segment is never deleted, so offsets always continue. Returns how many went.
    /// </summary>
    public int ApplyRetention(long nowMs)
    {
        var config = _config();
        if (!config.DeletesOldSegments)
        {
            return 0;
        }
        lock (_appendLock)
        {
            var segments = _segments;
            var keepFrom = 0;
            var totalBytes = segments.Sum(s => s.Size);
            while (keepFrom < segments.Length - 1)
            {
                var oldest = segments[keepFrom];
                var expired = config.RetentionMs >= 0 && oldest.MaxTimestamp < nowMs - config.RetentionMs;
                var oversize = config.RetentionBytes >= 0 && totalBytes - oldest.Size >= config.RetentionBytes;
                if (!expired && !oversize)
                {
                    break;
                }
                totalBytes -= oldest.Size;
                keepFrom++;
            }
            if (keepFrom == 0)
            {
                return 0;
            }
            _segments = segments[keepFrom..];
            foreach (var gone in segments[..keepFrom])
            {
                ScheduleDelete(gone);
            }
            _producers.ExpireOlderThan(nowMs - (long)_options.ProducerIdExpiration.TotalMilliseconds);
            LogRetentionDeleted(_logger, Topic, Partition, keepFrom, LogStartOffset);
            return keepFrom;
        }
    }

    private static void ScheduleDelete(LogSegment segment)
    {
        // Renamed now so a restart never loads it; removed after in-flight reads had time to finish.
        var marked = segment.LogPath + ".deleted";
        File.Move(segment.LogPath, marked);
        _ = Task.Delay(DeletedSegmentGrace).ContinueWith(_ =>
        {
            segment.Dispose();
            File.Delete(marked);
            foreach (var extension in new[] { ".index", ".timeindex", ".snapshot" })
            {
                File.Delete(Path.ChangeExtension(segment.LogPath, extension));
            }
        }, TaskScheduler.Default);
    }

    /// <summary>Closes the log and removes its directory (topic deletion).</summary>
    public void Delete()
    {
        lock (_appendLock)
        {
            _deleted = true;
            foreach (var segment in _segments)
            {
                segment.Dispose();
            }
        }
        Interlocked.Exchange(ref _dataArrived, NewSignal()).TrySetResult();
        // Renamed first so a crash half-way leaves a directory the next start finishes deleting, not a half topic.
        var doomed = $"{Directory}.{Guid.NewGuid():N}.deleted";
        System.IO.Directory.Move(Directory, doomed);
        System.IO.Directory.Delete(doomed, recursive: true);
    }

    /// <summary>Flushes and closes every segment; the active one keeps no saved index (it is rebuilt on open).</summary>
    public void Dispose()
    {
        lock (_appendLock)
        {
            if (_deleted)
            {
                return;
            }
            _deleted = true;
            foreach (var segment in _segments)
            {
                segment.Flush();
                segment.Dispose();
            }
        }
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Recovered {Topic}-{Partition}: cut {Bytes} bytes of an incomplete or corrupt tail; log now ends at offset {EndOffset}")]
    private static partial void LogTornTailTruncated(ILogger logger, string topic, int partition, long bytes, long endOffset);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Retention deleted {Count} segment(s) of {Topic}-{Partition}; log now starts at offset {StartOffset}")]
    private static partial void LogRetentionDeleted(ILogger logger, string topic, int partition, int count, long startOffset);
}
