namespace SensorStream.Contracts.Avro.Binary;

/// <summary>Why a payload could not be decoded. Processors put this in the dead-letter record.</summary>
public enum AvroDecodeError
{
    /// <summary>The payload ended in the middle of a value.</summary>
    Truncated,

    /// <summary>A string, bytes or block length was negative.</summary>
    NegativeLength,

    /// <summary>A length or item count asked for more than the bytes left could hold.</summary>
    OversizedLength,

    /// <summary>A varint ran past its maximum length or out of the int/long range.</summary>
    InvalidVarint,

    /// <summary>A union branch index outside the union.</summary>
    InvalidUnionIndex,

    /// <summary>An enum index outside the enum's symbols.</summary>
    InvalidEnumIndex,

    /// <summary>A boolean byte other than 0 or 1.</summary>
    InvalidBoolean,

    /// <summary>A string that is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>A value that is well-formed Avro but outside what the target type holds (a date, timestamp, decimal or UUID).</summary>
    InvalidValue,

    /// <summary>More zero-byte items (e.g. an array of nulls) than the decoder allows in one payload.</summary>
    TooManyItems,

    /// <summary>Recursive data nested deeper than the decoder allows.</summary>
    NestingTooDeep,

    /// <summary>Bytes were left after the value.</summary>
    TrailingBytes,

    /// <summary>The first byte was not the Confluent wire-format magic byte 0.</summary>
    WrongMagicByte,

    /// <summary>The schema id in the header is not known to the schema registry.</summary>
    UnknownSchemaId,

    /// <summary>The writer's schema cannot be read as the reader's schema (no matching field, branch or symbol).</summary>
    IncompatibleSchema,
}
