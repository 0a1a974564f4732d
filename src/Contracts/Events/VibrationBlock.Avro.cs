using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Events;

public sealed partial record VibrationBlock : IAvroEvent<VibrationBlock>
{
    /// <inheritdoc/>
    public static AvroSchema Schema { get; } = EventSchemas.Load(nameof(VibrationBlock));

    /// <inheritdoc/>
    public static void Encode(ref AvroWriter writer, VibrationBlock value)
    {
        writer.WriteString(value.MachineId);
        writer.WriteString(value.SensorId);
        writer.WriteTimestampMicros(value.EventTime);
        writer.WriteDouble(value.SampleRateHz);
        Optional.WriteDouble(ref writer, value.ShaftSpeedRpm);
        var samples = value.Samples ?? throw new ArgumentNullException(nameof(value), "Samples is null");
        if (samples.Length > 0)
        {
            writer.WriteBlockCount(samples.Length);
            if (BitConverter.IsLittleEndian)
            {
                // Avro floats are little-endian IEEE 754, which is the in-memory layout here: one copy for the whole block,
                // unless a NaN needs its canonical bits.
                if (ContainsNaN(samples))
                {
                    foreach (var sample in samples)
                    {
                        writer.WriteFloat(sample);
                    }
                }
                else
                {
                    writer.WriteFixed(MemoryMarshal.AsBytes(samples.AsSpan()));
                }
            }
            else
            {
                foreach (var sample in samples)
                {
                    writer.WriteFloat(sample);
                }
            }
        }
        writer.WriteCollectionEnd();
    }

    /// <inheritdoc/>
    public static VibrationBlock Decode(ref AvroReader reader)
    {
        var machineId = reader.ReadString();
        var sensorId = reader.ReadString();
        var eventTime = reader.ReadTimestampMicros();
        var sampleRate = reader.ReadDouble();
        var shaftSpeed = Optional.ReadDouble(ref reader);
        return new(machineId, sensorId, eventTime, sampleRate, shaftSpeed, ReadSamples(ref reader));
    }

    private static bool ContainsNaN(ReadOnlySpan<float> values)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                // NaN is the only value not equal to itself.
                var block = new Vector<float>(values[i..]);
                if (!Vector.EqualsAll(block, block))
                {
                    return true;
                }
            }
        }
        for (; i < values.Length; i++)
        {
            if (float.IsNaN(values[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static float[] ReadSamples(ref AvroReader reader)
    {
        var samples = Array.Empty<float>();
        for (var count = reader.ReadBlockCount(sizeof(float)); count != 0; count = reader.ReadBlockCount(sizeof(float)))
        {
            var offset = samples.Length;
            Array.Resize(ref samples, offset + count);
            var bytes = reader.ReadFixed(count * sizeof(float));
            if (BitConverter.IsLittleEndian)
            {
                bytes.CopyTo(MemoryMarshal.AsBytes(samples.AsSpan(offset)));
            }
            else
            {
                for (var i = 0; i < count; i++)
                {
                    samples[offset + i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
                }
            }
        }
        return samples;
    }
}
