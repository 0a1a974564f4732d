namespace SensorStream.Storage.Migrations;

/// <summary>The storage path a database was migrated on; queries are the same on both.</summary>
internal enum StoragePath
{
    /// <summary>Native range partitioning by time, partitions created ahead by the sink.</summary>
    Plain,

    /// <summary>Hypertables, a continuous aggregate, compression and retention policies.</summary>
    TimescaleDb,
}
