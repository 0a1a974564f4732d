using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>Maps writer symbol indexes to reader ones by symbol name; an unknown symbol takes the reader's default.</summary>
internal sealed class EnumStep : TranscodeStep
{
    private readonly EnumSchema _writer;
    private readonly EnumSchema _reader;
    private readonly int[] _map;

    public EnumStep(EnumSchema writer, EnumSchema reader)
    {
        _writer = writer;
        _reader = reader;
        var defaultIndex = reader.Default is null ? -1 : reader.IndexOf(reader.Default);
        _map = writer.Symbols.Select(s => reader.IndexOf(s) is var i && i >= 0 ? i : defaultIndex).ToArray();
    }

    public override void Run(ref AvroReader reader, ref AvroWriter writer)
    {
        var index = reader.ReadEnum(_writer.Symbols.Count);
        var mapped = _map[index];
        if (mapped < 0)
        {
            throw new AvroDecodeException(AvroDecodeError.IncompatibleSchema,
                $"symbol '{_writer.Symbols[index]}' is not in reader enum {_reader.FullName}, which has no default", reader.Position);
        }
        writer.WriteEnum(mapped);
    }
}
