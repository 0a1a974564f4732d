using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Generic;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>
/// Reads data written with one schema as another (the specification's schema resolution). Built once per (writer, reader)
/// pair and cached by its users: it rewrites the writer's bytes into the reader's encoding, so the reader's own fast decoder
/// then runs unchanged.
/// </summary>
internal sealed class ResolvingDecoder
{
    private readonly TranscodeStep _root;

    public ResolvingDecoder(AvroSchema writer, AvroSchema reader)
    {
        Writer = writer;
        Reader = reader;
        _root = ResolutionCompiler.Compile(writer, reader);
    }

    public AvroSchema Writer { get; }

    public AvroSchema Reader { get; }

    /// <summary>True when the writer's bytes are already the reader's (identical canonical forms).</summary>
    public bool IsIdentity => _root is CopyStep;

    /// <summary>Rewrites one complete writer-encoded value as reader-encoded bytes.</summary>
    /// <exception cref="AvroDecodeException">The bytes are malformed, or hold a value the reader cannot represent.</exception>
    public void Transcode(ReadOnlySpan<byte> writerBytes, ref AvroWriter output)
    {
        var reader = new AvroReader(writerBytes);
        _root.Run(ref reader, ref output);
        reader.EnsureEnd();
    }

    /// <summary>Decodes one writer-encoded value into a generic value shaped by the reader's schema.</summary>
    public object? ReadGeneric(ReadOnlySpan<byte> writerBytes)
    {
        var output = new AvroWriter(Math.Max(64, writerBytes.Length * 2));
        try
        {
            Transcode(writerBytes, ref output);
            var reader = new AvroReader(output.WrittenSpan);
            var value = GenericDatumReader.Read(ref reader, Reader);
            reader.EnsureEnd();
            return value;
        }
        finally
        {
            output.Dispose();
        }
    }
}
