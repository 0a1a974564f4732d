namespace SensorStream.Storage;

/// <summary>Which storage path a new database gets (an existing database keeps the path it was created with).</summary>
public enum StorageMode
{
    /// <summary>TimescaleDB when the <c>timescaledb</c> extension is installed and preloaded, plain PostgreSQL otherwise.</summary>
    Auto,

    /// <summary>Plain PostgreSQL with native range partitioning, even where TimescaleDB is available.</summary>
    Plain,

    /// <summary>TimescaleDB; starting fails when the extension is not available.</summary>
    TimescaleDb,
}
