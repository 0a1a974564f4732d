namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>A record field's sort order (affects only Avro's binary comparison, never the encoding).</summary>
public enum FieldOrder
{
    /// <summary>The default.</summary>
    Ascending,

    /// <summary>Reverse order.</summary>
    Descending,

    /// <summary>The field is ignored when sorting.</summary>
    Ignore,
}
