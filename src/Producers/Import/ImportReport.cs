namespace SensorStream.Producers.Import;

/// <summary>What an import did: rows read, events produced, and every malformed row (first ones listed with their reasons).</summary>
public sealed class ImportReport
{
    /// <summary>How many malformed rows are listed individually; the rest are only counted (all go to the dead-letter topic).</summary>
    public const int ListedMalformedRows = 20;

    private readonly List<(long LineNumber, string Reason)> _malformed = [];

    /// <summary>Data rows read (excluding the header and blank lines).</summary>
    public long RowsRead { get; internal set; }

    /// <summary>Malformed rows skipped (or the one that stopped a strict import).</summary>
    public long MalformedRows { get; internal set; }

    /// <summary>Events handed to the producer.</summary>
    public long EventsProduced { get; internal set; }

    /// <summary>Whether a strict import stopped at a malformed row.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>Why the import stopped before the end of the file (e.g. it is not in the encoding given), or null.</summary>
    public string? Failure { get; internal set; }

    /// <summary>Wall-clock time of the import including the final flush.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <summary>The first <see cref="ListedMalformedRows"/> malformed rows.</summary>
    public IReadOnlyList<(long LineNumber, string Reason)> FirstMalformed => _malformed;

    internal void AddMalformed(long lineNumber, string reason)
    {
        MalformedRows++;
        if (_malformed.Count < ListedMalformedRows)
        {
            _malformed.Add((lineNumber, reason));
        }
    }
}
