using System.Buffers.Binary;
using System.Text;

namespace SensorStream.EmbeddedBroker.Protocol;

/// <summary>Reads one element of a Kafka array; the reader is passed by reference so it advances.</summary>
internal delegate T ElementReader<out T>(ref KafkaReader reader);

/// <summary>
/// Reads Kafka protocol primitives from a request buffer. With <see cref="Flexible"/> set, strings, bytes and
/// arrays use the compact (unsigned varint) encodings and structures end in tagged fields.
/// Every length is checked against the bytes that remain, so a hostile frame can neither over-allocate nor
/// read past its end: it fails with <see cref="KafkaProtocolException"/>.
/// </summary>
internal ref struct KafkaReader
{
    private readonly byte[] _buffer;
    private readonly int _end;
    private int _position;

    public KafkaReader(byte[] buffer, int offset, int count)
    {
        _buffer = buffer;
        _position = offset;
        _end = offset + count;
    }

    /// <summary>True for flexible versions (KIP-482 compact encodings and tagged fields).</summary>
    public bool Flexible { get; set; }

    /// <summary>The API version being read; message readers branch on it.</summary>
    public short Version { get; set; }

    public readonly int Remaining => _end - _position;

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count < 0 || count > Remaining)
        {
            throw new KafkaProtocolException($"truncated request: {what} needs {count} bytes, {Remaining} remain");
        }
        var span = new ReadOnlySpan<byte>(_buffer, _position, count);
        _position += count;
        return span;
    }

    public sbyte ReadInt8() => (sbyte)Take(1, "int8")[0];

    public bool ReadBool() => Take(1, "bool")[0] != 0;

    public short ReadInt16() => BinaryPrimitives.ReadInt16BigEndian(Take(2, "int16"));

    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4, "int32"));

    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8, "int64"));

    public uint ReadUnsignedVarInt()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = Take(1, "varint")[0];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw new KafkaProtocolException("malformed request: varint longer than 5 bytes");
    }

    public int ReadVarInt()
    {
        var raw = ReadUnsignedVarInt();
        return (int)(raw >> 1) ^ -(int)(raw & 1);
    }

    /// <summary>Reads a string that must not be null.</summary>
    public string ReadString() =>
        ReadNullableString() ?? throw new KafkaProtocolException("malformed request: null where a string is required");

    public string? ReadNullableString()
    {
        int length = Flexible ? (int)ReadUnsignedVarInt() - 1 : ReadInt16();
        if (length < 0)
        {
            return length == -1 ? null : throw new KafkaProtocolException($"malformed request: string length {length}");
        }
        return Encoding.UTF8.GetString(Take(length, "string"));
    }

    /// <summary>Reads a byte field as a slice of the request buffer (no copy); null stays null.</summary>
    public ReadOnlyMemory<byte>? ReadNullableBytes()
    {
        var length = Flexible ? (long)ReadUnsignedVarInt() - 1 : ReadInt32();
        if (length < 0)
        {
            return length == -1 ? null : throw new KafkaProtocolException($"malformed request: bytes length {length}");
        }
        var start = _position;
        Take((int)Math.Min(length, int.MaxValue), "bytes");
        return new ReadOnlyMemory<byte>(_buffer, start, (int)length);
    }

    public ReadOnlyMemory<byte> ReadBytes() =>
        ReadNullableBytes() ?? throw new KafkaProtocolException("malformed request: null where bytes are required");

    /// <summary>Reads an array length: -1 means null. Each element takes at least one byte, which bounds the count.</summary>
    public int ReadArrayLength()
    {
        var length = Flexible ? (long)ReadUnsignedVarInt() - 1 : ReadInt32();
        if (length < -1 || length > Remaining)
        {
            throw new KafkaProtocolException($"malformed request: array length {length} with {Remaining} bytes remaining");
        }
        return (int)length;
    }

    /// <summary>Reads an array that may be null (returned as null).</summary>
    public T[]? ReadNullableArray<T>(ElementReader<T> readElement)
    {
        var length = ReadArrayLength();
        if (length < 0)
        {
            return null;
        }
        var items = new T[length];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = readElement(ref this);
        }
        return items;
    }

    /// <summary>Reads an array; a null array reads as empty.</summary>
    public T[] ReadArray<T>(ElementReader<T> readElement) => ReadNullableArray(readElement) ?? [];

    /// <summary>Skips the tagged-field section that ends every flexible structure (we define no tags).</summary>
    public void SkipTaggedFields()
    {
        if (!Flexible)
        {
            return;
        }
        var count = ReadUnsignedVarInt();
        for (var i = 0u; i < count; i++)
        {
            ReadUnsignedVarInt(); // tag
            var size = ReadUnsignedVarInt();
            Take((int)Math.Min(size, int.MaxValue), "tagged field");
        }
    }
}
