using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace SensorStream.Contracts.Avro.Binary;

/// <summary>
/// Writes Avro binary encoding into a span, growing into pooled arrays when the span fills up. A ref struct so the hot path
/// never allocates: pass it by <see langword="ref"/>, and <see cref="Dispose"/> it to return any pooled array.
/// </summary>
public ref struct AvroWriter
{
    // .NET's NaN constants have the sign bit set; Java's canonical NaNs (which Python and JavaScript also write) do not.
    internal const int CanonicalFloatNaN = 0x7fc00000;
    internal const long CanonicalDoubleNaN = 0x7ff8000000000000L;

    private Span<byte> _buffer;
    private byte[]? _rented;
    private int _position;

    /// <summary>Starts writing into <paramref name="initialBuffer"/> (e.g. stack memory); grows into pooled arrays if needed.</summary>
    public AvroWriter(Span<byte> initialBuffer)
    {
        _buffer = initialBuffer;
    }

    /// <summary>Starts writing into a pooled array of at least <paramref name="initialCapacity"/> bytes.</summary>
    public AvroWriter(int initialCapacity)
    {
        _rented = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
        _buffer = _rented;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Length => _position;

    /// <summary>The bytes written so far; valid until the next write or <see cref="Dispose"/>.</summary>
    public readonly ReadOnlySpan<byte> WrittenSpan => _buffer[.._position];

    /// <summary>Copies the written bytes into a new array of exactly that length.</summary>
    public readonly byte[] ToArray() => _buffer[.._position].ToArray();

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Reset() => _position = 0;

    /// <summary>Writes a boolean as one byte, 0 or 1.</summary>
    public void WriteBoolean(bool value)
    {
        Reserve(1)[0] = value ? (byte)1 : (byte)0;
        _position++;
    }

    /// <summary>Writes an int (zig-zag varint; identical to the long encoding for every int value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt(int value) => WriteLong(value);

    /// <summary>Writes a long as a zig-zag varint.</summary>
    public void WriteLong(long value)
    {
        var n = (ulong)((value << 1) ^ (value >> 63));
        var span = Reserve(10);
        var i = 0;
        while (n >= 0x80)
        {
            span[i++] = (byte)(n | 0x80);
            n >>= 7;
        }
        span[i++] = (byte)n;
        _position += i;
    }

    /// <summary>Writes a float, 4 bytes little-endian; every NaN as the canonical one (the specification's Java floatToIntBits).</summary>
    public void WriteFloat(float value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), float.IsNaN(value) ? CanonicalFloatNaN : BitConverter.SingleToInt32Bits(value));
        _position += 4;
    }

    /// <summary>Writes a double, 8 bytes little-endian; every NaN as the canonical one (the specification's Java doubleToLongBits).</summary>
    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), double.IsNaN(value) ? CanonicalDoubleNaN : BitConverter.DoubleToInt64Bits(value));
        _position += 8;
    }

    /// <summary>Writes bytes with their length.</summary>
    public void WriteBytes(scoped ReadOnlySpan<byte> value)
    {
        WriteLong(value.Length);
        WriteFixed(value);
    }

    /// <summary>Writes bytes without a length (a fixed value, or pre-encoded Avro).</summary>
    public void WriteFixed(scoped ReadOnlySpan<byte> value)
    {
        value.CopyTo(Reserve(value.Length));
        _position += value.Length;
    }

    /// <summary>Writes a string as its UTF-8 length and bytes.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null (Avro strings are never null; use a union).</exception>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteString(value.AsSpan());
    }

    /// <summary>Writes a string as its UTF-8 length and bytes.</summary>
    public void WriteString(scoped ReadOnlySpan<char> value)
    {
        // Up to 21 chars encode to at most 63 bytes, whose zig-zag length fits one byte: encode once, straight into place.
        if (value.Length <= 21)
        {
            var span = Reserve(64);
            var written = Encoding.UTF8.GetBytes(value, span[1..]);
            span[0] = (byte)(written << 1);
            _position += written + 1;
            return;
        }
        var count = Encoding.UTF8.GetByteCount(value);
        WriteLong(count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
        _position += count;
    }

    /// <summary>Writes a union branch index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUnionIndex(int index) => WriteLong(index);

    /// <summary>Writes an enum symbol index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteEnum(int index) => WriteLong(index);

    /// <summary>Starts an array or map block of <paramref name="count"/> items; end the collection with <see cref="WriteCollectionEnd"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBlockCount(int count) => WriteLong(count);

    /// <summary>Ends an array or map (the zero-count block).</summary>
    public void WriteCollectionEnd()
    {
        Reserve(1)[0] = 0;
        _position++;
    }

    /// <summary>Writes <c>timestamp-micros</c>: microseconds since the Unix epoch, UTC.</summary>
    public void WriteTimestampMicros(DateTimeOffset value) => WriteLong(AvroTime.ToMicros(value));

    /// <summary>Writes <c>timestamp-millis</c>: milliseconds since the Unix epoch, UTC.</summary>
    public void WriteTimestampMillis(DateTimeOffset value) => WriteLong(AvroTime.ToMillis(value));

    /// <summary>Writes <c>date</c>: days since 1970-01-01.</summary>
    public void WriteDate(DateOnly value) => WriteInt(value.DayNumber - AvroTime.UnixEpochDayNumber);

    /// <summary>Writes <c>uuid</c>: the 36-character lower-case hyphenated string.</summary>
    public void WriteUuid(Guid value)
    {
        var span = Reserve(37);
        span[0] = 36 << 1;
        value.TryFormat(span[1..], out _, "D");
        _position += 37;
    }

    /// <summary>Writes a bytes-backed <c>decimal</c>, rescaled to <paramref name="scale"/>.</summary>
    /// <exception cref="AvroEncodeException">The value has more digits than <paramref name="precision"/> or more decimals than <paramref name="scale"/>.</exception>
    public void WriteDecimal(decimal value, int precision, int scale)
    {
        Span<byte> bytes = stackalloc byte[16];
        var length = DecimalBytes.Write(DecimalBytes.ToUnscaled(value, precision, scale), bytes);
        WriteBytes(bytes[..length]);
    }

    /// <summary>Returns any pooled array. The writer must not be used afterwards.</summary>
    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
        _buffer = default;
        _position = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int size)
    {
        if (_buffer.Length - _position < size)
        {
            Grow(size);
        }
        return _buffer.Slice(_position, size);
    }

    private void Grow(int size)
    {
        var needed = (long)_position + size;
        if (needed > Array.MaxLength)
        {
            throw new AvroEncodeException($"encoded value would exceed {Array.MaxLength} bytes");
        }
        var next = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(256L, _buffer.Length * 2L))));
        _buffer[.._position].CopyTo(next);
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
        }
        _rented = next;
        _buffer = next;
    }
}
