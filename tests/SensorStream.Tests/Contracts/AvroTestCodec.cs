using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Generic;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Tests.Contracts;

/// <summary>Whole-value helpers over the generic codec for tests.</summary>
internal static class AvroTestCodec
{
    public static byte[] Encode(AvroSchema schema, object? value)
    {
        var writer = new AvroWriter(64);
        try
        {
            GenericDatumWriter.Write(ref writer, schema, value);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    public static object? Decode(AvroSchema schema, byte[] bytes)
    {
        var reader = new AvroReader(bytes);
        var value = GenericDatumReader.Read(ref reader, schema);
        reader.EnsureEnd();
        return value;
    }

    public static AvroDecodeException DecodeFailure(AvroSchema schema, byte[] bytes) =>
        Assert.Throws<AvroDecodeException>(() => Decode(schema, bytes));
}
