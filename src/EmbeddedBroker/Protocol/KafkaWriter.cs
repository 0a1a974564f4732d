using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace SensorStream.EmbeddedBroker.Protocol;

/// <summary>
/// Writes Kafka protocol primitives into a pooled, growing buffer. With <see cref="Flexible"/> set, strings,
/// bytes and arrays use the compact encodings and <see cref="WriteTaggedFields"/> writes the (empty) tag section.
/// </summary>
internal sealed class KafkaWriter : IDisposable
{
    private byte[] _buffer;
    private int _position;

    public KafkaWriter(int initialCapacity = 4096)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
    }

    /// <summary>True for flexible versions (compact encodings and tagged fields).</summary>
    public bool Flexible { get; set; }

    /// <summary>The API version being written; message writers branch on it.</summary>
    public short Version { get; set; }

    public int Length => _position;

    public ReadOnlyMemory<byte> WrittenMemory => new(_buffer, 0, _position);

    public Span<byte> GetSpan(int sizeHint)
    {
        EnsureCapacity(sizeHint);
        return _buffer.AsSpan(_position);
    }

    public void Advance(int count) => _position += count;

    private void EnsureCapacity(int extra)
    {
        if (_position + extra <= _buffer.Length)
        {
            return;
        }
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _position + extra));
        _buffer.AsSpan(0, _position).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void WriteInt8(sbyte value)
    {
        EnsureCapacity(1);
        _buffer[_position++] = (byte)value;
    }

    public void WriteBool(bool value) => WriteInt8(value ? (sbyte)1 : (sbyte)0);

    public void WriteInt16(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(GetSpan(2), value);
        _position += 2;
    }

    public void WriteError(ErrorCode error) => WriteInt16((short)error);

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(GetSpan(4), value);
        _position += 4;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(GetSpan(8), value);
        _position += 8;
    }

    public void WriteUnsignedVarInt(uint value)
    {
        EnsureCapacity(5);
        while (value >= 0x80)
        {
            _buffer[_position++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_position++] = (byte)value;
    }

    public void WriteString(string value) => WriteNullableString(value);

    public void WriteNullableString(string? value)
    {
        if (value is null)
        {
            if (Flexible)
            {
                WriteUnsignedVarInt(0);
            }
            else
            {
                WriteInt16(-1);
            }
            return;
        }
        var byteCount = Encoding.UTF8.GetByteCount(value);
        if (Flexible)
        {
            WriteUnsignedVarInt((uint)byteCount + 1);
        }
        else
        {
            WriteInt16(checked((short)byteCount));
        }
        Encoding.UTF8.GetBytes(value, GetSpan(byteCount));
        _position += byteCount;
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        if (Flexible)
        {
            WriteUnsignedVarInt((uint)value.Length + 1);
        }
        else
        {
            WriteInt32(value.Length);
        }
        value.CopyTo(GetSpan(value.Length));
        _position += value.Length;
    }

    public void WriteNullBytes()
    {
        if (Flexible)
        {
            WriteUnsignedVarInt(0);
        }
        else
        {
            WriteInt32(-1);
        }
    }

    /// <summary>Writes an array length; -1 writes a null array.</summary>
    public void WriteArrayLength(int count)
    {
        if (Flexible)
        {
            WriteUnsignedVarInt((uint)(count + 1));
        }
        else
        {
            WriteInt32(count);
        }
    }

    /// <summary>Writes a whole array with one call per element.</summary>
    public void WriteArray<T>(IReadOnlyCollection<T> items, Action<KafkaWriter, T> writeElement)
    {
        WriteArrayLength(items.Count);
        foreach (var item in items)
        {
            writeElement(this, item);
        }
    }

    /// <summary>Writes the empty tagged-field section of a flexible structure; nothing when not flexible.</summary>
    public void WriteTaggedFields()
    {
        if (Flexible)
        {
            WriteUnsignedVarInt(0);
        }
    }

    /// <summary>Reserves four bytes to be filled later by <see cref="PatchInt32"/> (sizes known only afterwards).</summary>
    public int ReserveInt32()
    {
        var at = _position;
        WriteInt32(0);
        return at;
    }

    public void PatchInt32(int at, int value) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(at, 4), value);

    /// <summary>Drops everything written after <paramref name="length"/> (used to trim a partial record batch).</summary>
    public void Truncate(int length) => _position = length;

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
