namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>The Avro 1.11 schema types: eight primitives and six complex types.</summary>
public enum AvroType
{
    /// <summary>No value; encoded as zero bytes.</summary>
    Null,

    /// <summary>A single byte, 0 or 1.</summary>
    Boolean,

    /// <summary>32-bit signed integer, zig-zag varint encoded.</summary>
    Int,

    /// <summary>64-bit signed integer, zig-zag varint encoded.</summary>
    Long,

    /// <summary>IEEE 754 single precision, 4 bytes little-endian.</summary>
    Float,

    /// <summary>IEEE 754 double precision, 8 bytes little-endian.</summary>
    Double,

    /// <summary>Length-prefixed byte sequence.</summary>
    Bytes,

    /// <summary>Length-prefixed UTF-8 text.</summary>
    String,

    /// <summary>Named record of fields, encoded as its fields in order.</summary>
    Record,

    /// <summary>Named set of symbols, encoded as the symbol's index.</summary>
    Enum,

    /// <summary>Blocks of items of one schema.</summary>
    Array,

    /// <summary>Blocks of string-keyed values of one schema.</summary>
    Map,

    /// <summary>One of several schemas, encoded as the branch index then the value.</summary>
    Union,

    /// <summary>Named fixed-size byte sequence.</summary>
    Fixed,
}
