using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace SensorStream.Contracts.Avro.Binary;

/// <summary>
/// Reads Avro binary encoding from a span. Every length and count is checked against the bytes left before anything is
/// allocated, so a hostile payload can neither allocate more than its own size nor loop; failures throw
/// <see cref="AvroDecodeException"/> with a reason and the byte offset.
/// </summary>
public ref struct AvroReader
{
    /// <summary>Most items of zero encoded size (e.g. nulls) one payload may declare; they cost no bytes, so the size cannot bound them.</summary>
    public const int MaxZeroSizeItems = 1_000_000;

    /// <summary>Deepest nesting of recursive records one payload may have; bounds the decoder's stack.</summary>
    public const int MaxDepth = 256;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _zeroSizeItems;
    private int _depth;

    /// <summary>Starts reading at the beginning of <paramref name="data"/>.</summary>
    public AvroReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes not yet consumed.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Reads a boolean; only 0 and 1 are valid.</summary>
    public bool ReadBoolean()
    {
        var b = ReadByte();
        return b switch
        {
            0 => false,
            1 => true,
            _ => throw Error(AvroDecodeError.InvalidBoolean, $"boolean byte {b} is neither 0 nor 1", _position - 1),
        };
    }

    /// <summary>Reads a zig-zag varint int (at most 5 bytes).</summary>
    public int ReadInt()
    {
        var start = _position;
        var value = ReadLong();
        return value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw Error(AvroDecodeError.InvalidVarint, $"value {value} is out of the int range", start);
    }

    /// <summary>Reads a zig-zag varint long (at most 10 bytes).</summary>
    public long ReadLong()
    {
        ulong result = 0;
        var shift = 0;
        var start = _position;
        while (true)
        {
            if (_position >= _data.Length)
            {
                throw Error(AvroDecodeError.Truncated, "payload ends inside a varint", start);
            }
            var b = _data[_position++];
            if (shift == 63 && b > 1)
            {
                throw Error(AvroDecodeError.InvalidVarint, "varint longer than 64 bits", start);
            }
            result |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return (long)(result >> 1) ^ -(long)(result & 1);
            }
            shift += 7;
        }
    }

    /// <summary>Reads a float, 4 bytes little-endian.</summary>
    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4));

    /// <summary>Reads a double, 8 bytes little-endian.</summary>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    /// <summary>Reads length-prefixed bytes into a new array.</summary>
    public byte[] ReadBytes() => ReadBytesSpan().ToArray();

    /// <summary>Reads length-prefixed bytes as a slice of the payload (no copy).</summary>
    public ReadOnlySpan<byte> ReadBytesSpan() => Take(ReadLength());

    /// <summary>Reads <paramref name="size"/> bytes of a fixed value as a slice of the payload (no copy).</summary>
    public ReadOnlySpan<byte> ReadFixed(int size) => Take(size);

    /// <summary>Reads a length-prefixed UTF-8 string; invalid UTF-8 is an error, not replaced.</summary>
    public string ReadString()
    {
        var start = _position;
        var bytes = Take(ReadLength());
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new AvroDecodeException(AvroDecodeError.InvalidUtf8, "string is not valid UTF-8", start, e);
        }
    }

    /// <summary>Reads a union branch index and checks it against the number of branches.</summary>
    public int ReadUnionIndex(int branchCount)
    {
        var start = _position;
        var index = ReadLong();
        return index >= 0 && index < branchCount
            ? (int)index
            : throw Error(AvroDecodeError.InvalidUnionIndex, $"union index {index} outside 0..{branchCount - 1}", start);
    }

    /// <summary>Reads an enum index and checks it against the number of symbols.</summary>
    public int ReadEnum(int symbolCount)
    {
        var start = _position;
        var index = ReadLong();
        return index >= 0 && index < symbolCount
            ? (int)index
            : throw Error(AvroDecodeError.InvalidEnumIndex, $"enum index {index} outside 0..{symbolCount - 1}", start);
    }

    /// <summary>
    /// Reads the item count of the next array or map block; 0 ends the collection. A negative count (a block followed by its
    /// byte size) is accepted. The count must fit in the bytes left at <paramref name="minItemSize"/> bytes per item.
    /// </summary>
    public int ReadBlockCount(int minItemSize)
    {
        var start = _position;
        var count = ReadLong();
        if (count < 0)
        {
            if (count == long.MinValue)
            {
                throw Error(AvroDecodeError.OversizedLength, "block count out of range", start);
            }
            count = -count;
            var byteSize = ReadLong();
            if (byteSize < 0)
            {
                throw Error(AvroDecodeError.NegativeLength, $"negative block byte size {byteSize}", start);
            }
            if (byteSize > Remaining)
            {
                throw Error(AvroDecodeError.OversizedLength, $"block of {byteSize} bytes but only {Remaining} left", start);
            }
        }
        if (minItemSize > 0)
        {
            if (count > Remaining / minItemSize)
            {
                throw Error(AvroDecodeError.OversizedLength, $"block of {count} items cannot fit in the {Remaining} bytes left", start);
            }
        }
        else if (count > MaxZeroSizeItems - _zeroSizeItems)
        {
            throw Error(AvroDecodeError.TooManyItems, $"more than {MaxZeroSizeItems} zero-size items", start);
        }
        else
        {
            _zeroSizeItems += (int)count;
        }
        return (int)count;
    }

    /// <summary>Reads <c>timestamp-micros</c> as a UTC <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset ReadTimestampMicros()
    {
        var start = _position;
        var micros = ReadLong();
        return micros >= AvroTime.MinMicros && micros <= AvroTime.MaxMicros
            ? new DateTimeOffset(AvroTime.UnixEpochTicks + (micros * 10), TimeSpan.Zero)
            : throw Error(AvroDecodeError.InvalidValue, $"timestamp-micros {micros} is outside years 1..9999", start);
    }

    /// <summary>Reads <c>timestamp-millis</c> as a UTC <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset ReadTimestampMillis()
    {
        var start = _position;
        var millis = ReadLong();
        return millis >= AvroTime.MinMillis && millis <= AvroTime.MaxMillis
            ? new DateTimeOffset(AvroTime.UnixEpochTicks + (millis * 10_000), TimeSpan.Zero)
            : throw Error(AvroDecodeError.InvalidValue, $"timestamp-millis {millis} is outside years 1..9999", start);
    }

    /// <summary>Reads <c>date</c> (days since 1970-01-01).</summary>
    public DateOnly ReadDate()
    {
        var start = _position;
        var day = (long)ReadInt() + AvroTime.UnixEpochDayNumber;
        return day >= DateOnly.MinValue.DayNumber && day <= DateOnly.MaxValue.DayNumber
            ? DateOnly.FromDayNumber((int)day)
            : throw Error(AvroDecodeError.InvalidValue, "date is outside years 1..9999", start);
    }

    /// <summary>Reads <c>uuid</c> (its string form).</summary>
    public Guid ReadUuid()
    {
        var start = _position;
        var text = Take(ReadLength());
        return Guid.TryParse(text, out var value)
            ? value
            : throw Error(AvroDecodeError.InvalidValue, "uuid is not a valid UUID string", start);
    }

    /// <summary>Reads a bytes-backed <c>decimal</c> with the schema's <paramref name="scale"/> as a .NET decimal.</summary>
    public decimal ReadDecimal(int scale)
    {
        var start = _position;
        var bytes = Take(ReadLength());
        return DecimalBytes.TryRead(bytes, out var unscaled) && DecimalBytes.TryToDecimal(unscaled, scale, out var value)
            ? value
            : throw Error(AvroDecodeError.InvalidValue, "decimal does not fit a .NET decimal", start);
    }

    /// <summary>Skips a length-prefixed value (bytes or string).</summary>
    public void SkipLengthPrefixed() => Take(ReadLength());

    /// <summary>Fails with <see cref="AvroDecodeError.TrailingBytes"/> unless every byte was consumed.</summary>
    public readonly void EnsureEnd()
    {
        if (_position != _data.Length)
        {
            throw Error(AvroDecodeError.TrailingBytes, $"{_data.Length - _position} bytes left after the value", _position);
        }
    }

    /// <summary>The bytes from <paramref name="start"/> up to the current position (used to copy values through unchanged).</summary>
    internal readonly ReadOnlySpan<byte> ConsumedSince(int start) => _data[start.._position];

    /// <summary>Enters one level of recursive nesting; fails past <see cref="MaxDepth"/>.</summary>
    internal void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw Error(AvroDecodeError.NestingTooDeep, $"records nested more than {MaxDepth} deep", _position);
        }
    }

    /// <summary>Leaves a level entered with <see cref="Enter"/>.</summary>
    internal void Exit() => _depth--;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw Error(AvroDecodeError.Truncated, "payload ends before the value", _position);
        }
        return _data[_position++];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw Error(AvroDecodeError.Truncated, $"needs {count} bytes but only {_data.Length - _position} are left", _position);
        }
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private int ReadLength()
    {
        var start = _position;
        var length = ReadLong();
        if (length < 0)
        {
            throw Error(AvroDecodeError.NegativeLength, $"negative length {length}", start);
        }
        if (length > Remaining)
        {
            throw Error(AvroDecodeError.OversizedLength, $"length {length} exceeds the {Remaining} bytes left", start);
        }
        return (int)length;
    }

    private static AvroDecodeException Error(AvroDecodeError reason, string message, long position) => new(reason, message, position);
}
