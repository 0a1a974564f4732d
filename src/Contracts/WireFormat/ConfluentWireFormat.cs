using System.Buffers.Binary;
using SensorStream.Contracts.Avro.Binary;

namespace SensorStream.Contracts.WireFormat;

/// <summary>Confluent's framing of a Kafka key or value: magic byte 0, the 4-byte big-endian schema id, then the Avro body.</summary>
public static class ConfluentWireFormat
{
    /// <summary>The only magic byte Confluent has defined.</summary>
    public const byte MagicByte = 0;

    /// <summary>Bytes before the Avro body.</summary>
    public const int HeaderSize = 5;

    /// <summary>Writes the header for <paramref name="schemaId"/> into the first <see cref="HeaderSize"/> bytes of <paramref name="destination"/>.</summary>
    public static void WriteHeader(Span<byte> destination, int schemaId)
    {
        destination[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(destination[1..], schemaId);
    }

    /// <summary>Reads the header and returns the schema id; <paramref name="body"/> is the Avro body after it.</summary>
    /// <exception cref="AvroDecodeException">Reason <see cref="AvroDecodeError.Truncated"/> for fewer than 5 bytes, <see cref="AvroDecodeError.WrongMagicByte"/> for a first byte other than 0.</exception>
    public static int ReadHeader(ReadOnlySpan<byte> payload, out ReadOnlySpan<byte> body)
    {
        if (payload.Length < HeaderSize)
        {
            throw new AvroDecodeException(AvroDecodeError.Truncated, $"payload of {payload.Length} bytes is shorter than the {HeaderSize}-byte wire-format header");
        }
        if (payload[0] != MagicByte)
        {
            throw new AvroDecodeException(AvroDecodeError.WrongMagicByte, $"first byte is {payload[0]}, not the wire-format magic byte {MagicByte}", 0);
        }
        body = payload[HeaderSize..];
        return BinaryPrimitives.ReadInt32BigEndian(payload[1..]);
    }
}
