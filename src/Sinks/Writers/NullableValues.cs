using Npgsql;
using NpgsqlTypes;

namespace SensorStream.Sinks.Writers;

/// <summary>Writes optional values to a binary import without boxing them.</summary>
internal static class NullableValues
{
    public static void WriteDouble(this NpgsqlBinaryImporter importer, double? value)
    {
        if (value is { } v)
        {
            importer.Write(v, NpgsqlDbType.Double);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public static void WriteNumeric(this NpgsqlBinaryImporter importer, decimal? value)
    {
        if (value is { } v)
        {
            importer.Write(v, NpgsqlDbType.Numeric);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public static void WriteText(this NpgsqlBinaryImporter importer, string? value)
    {
        if (value is not null)
        {
            importer.Write(value, NpgsqlDbType.Text);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public static void WriteBytes(this NpgsqlBinaryImporter importer, byte[]? value)
    {
        if (value is not null)
        {
            importer.Write(value, NpgsqlDbType.Bytea);
        }
        else
        {
            importer.WriteNull();
        }
    }

    /// <summary>Writes a timestamp as UTC (Npgsql refuses offsets other than zero for timestamptz).</summary>
    public static void WriteUtc(this NpgsqlBinaryImporter importer, DateTimeOffset value) =>
        importer.Write(value.UtcDateTime, NpgsqlDbType.TimestampTz);

    public static void WriteUtc(this NpgsqlBinaryImporter importer, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            importer.Write(v.UtcDateTime, NpgsqlDbType.TimestampTz);
        }
        else
        {
            importer.WriteNull();
        }
    }
}
