using System.Buffers.Binary;

namespace SensorStream.EmbeddedBroker.Storage.Compression;

/// <summary>
/// Snappy decompression as Kafka producers send it: either a raw Snappy block (librdkafka) or the
/// xerial framing the Java client uses (magic header, then length-prefixed raw blocks). Written from the
/// Snappy format description: a varint uncompressed length, then literal and copy elements.
/// </summary>
internal static class SnappyDecoder
{
    private static ReadOnlySpan<byte> XerialMagic => [0x82, (byte)'S', (byte)'N', (byte)'A', (byte)'P', (byte)'P', (byte)'Y', 0];

    private const int XerialHeaderSize = 16;

    public static byte[] Decompress(ReadOnlySpan<byte> input, int maxBytes)
    {
        if (!input.StartsWith(XerialMagic))
        {
            return DecompressBlock(input, maxBytes);
        }
        using var output = new MemoryStream();
        var position = XerialHeaderSize;
        while (position < input.Length)
        {
            if (input.Length - position < 4)
            {
                throw new InvalidDataException("snappy: truncated xerial block length");
            }
            var blockLength = BinaryPrimitives.ReadInt32BigEndian(input[position..]);
            position += 4;
            if (blockLength < 0 || blockLength > input.Length - position)
            {
                throw new InvalidDataException($"snappy: xerial block length {blockLength} exceeds input");
            }
            var block = DecompressBlock(input.Slice(position, blockLength), maxBytes - (int)output.Length);
            output.Write(block);
            position += blockLength;
        }
        return output.ToArray();
    }

    private static byte[] DecompressBlock(ReadOnlySpan<byte> input, int maxBytes)
    {
        var position = 0;
        var length = ReadUncompressedLength(input, ref position);
        if (length > maxBytes)
        {
            throw new InvalidDataException($"snappy: uncompressed length {length} exceeds {maxBytes}");
        }
        var output = new byte[length];
        var written = 0;
        while (position < input.Length)
        {
            var tag = input[position++];
            switch (tag & 0x03)
            {
                case 0:
                    written = CopyLiteral(input, ref position, tag, output, written);
                    break;
                case 1:
                    Need(input, position, 1);
                    written = CopyBack(output, written, ((tag >> 2) & 0x07) + 4, ((tag & 0xE0) << 3) | input[position++]);
                    break;
                case 2:
                    Need(input, position, 2);
                    written = CopyBack(output, written, (tag >> 2) + 1, BinaryPrimitives.ReadUInt16LittleEndian(input[position..]));
                    position += 2;
                    break;
                default:
                    Need(input, position, 4);
                    written = CopyBack(output, written, (tag >> 2) + 1, (int)BinaryPrimitives.ReadUInt32LittleEndian(input[position..]));
                    position += 4;
                    break;
            }
        }
        if (written != length)
        {
            throw new InvalidDataException($"snappy: produced {written} bytes, header said {length}");
        }
        return output;
    }

    private static int ReadUncompressedLength(ReadOnlySpan<byte> input, ref int position)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            Need(input, position, 1);
            var b = input[position++];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value > int.MaxValue ? throw new InvalidDataException("snappy: length too large") : (int)value;
            }
        }
        throw new InvalidDataException("snappy: malformed length varint");
    }

    private static int CopyLiteral(ReadOnlySpan<byte> input, ref int position, byte tag, byte[] output, int written)
    {
        var length = tag >> 2;
        if (length >= 60)
        {
            var extraBytes = length - 59;
            Need(input, position, extraBytes);
            length = 0;
            for (var i = 0; i < extraBytes; i++)
            {
                length |= input[position + i] << (8 * i);
            }
            position += extraBytes;
        }
        length += 1;
        if (length <= 0 || length > input.Length - position || length > output.Length - written)
        {
            throw new InvalidDataException("snappy: literal runs past the end");
        }
        input.Slice(position, length).CopyTo(output.AsSpan(written));
        position += length;
        return written + length;
    }

    private static int CopyBack(byte[] output, int written, int length, int offset)
    {
        if (offset <= 0 || offset > written || length > output.Length - written)
        {
            throw new InvalidDataException("snappy: copy refers outside the output");
        }
        // Byte by byte: a copy may overlap its own output (run-length style).
        for (var i = 0; i < length; i++)
        {
            output[written + i] = output[written - offset + i];
        }
        return written + length;
    }

    private static void Need(ReadOnlySpan<byte> input, int position, int count)
    {
        if (input.Length - position < count)
        {
            throw new InvalidDataException("snappy: truncated input");
        }
    }
}
