using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>
/// Compiles the specification's schema resolution rules for one (writer, reader) pair into a tree of steps, once, so that
/// decoding an evolved message costs a walk of the data and no schema comparisons.
/// </summary>
internal sealed class ResolutionCompiler
{
    private readonly Dictionary<(AvroSchema Writer, AvroSchema Reader), TranscodeStep> _built = [];

    public static TranscodeStep Compile(AvroSchema writer, AvroSchema reader) => new ResolutionCompiler().Build(writer, reader);

    /// <summary>Index of the reader branch a non-union writer value goes to: the first same-type branch, else the first promotion.</summary>
    public static int FindReaderBranch(AvroSchema writer, UnionSchema reader)
    {
        for (var i = 0; i < reader.Branches.Count; i++)
        {
            if (SameKind(writer, reader.Branches[i]))
            {
                return i;
            }
        }
        for (var i = 0; i < reader.Branches.Count; i++)
        {
            if (PromoteStep.IsAllowed(writer.Type, reader.Branches[i].Type))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool SameKind(AvroSchema writer, AvroSchema reader) => (writer, reader) switch
    {
        (FixedSchema w, FixedSchema r) => r.AcceptsNameOf(w) && w.Size == r.Size,
        (NamedSchema w, NamedSchema r) => w.Type == r.Type && r.AcceptsNameOf(w),
        _ => writer.Type == reader.Type,
    };

    private TranscodeStep Build(AvroSchema writer, AvroSchema reader)
    {
        if (_built.TryGetValue((writer, reader), out var existing))
        {
            return existing;
        }
        var step = BuildNew(writer, reader);
        _built[(writer, reader)] = step;
        return step;
    }

    private TranscodeStep BuildNew(AvroSchema writer, AvroSchema reader)
    {
        if (writer is not UnionSchema && reader is not UnionSchema && writer.CanonicalForm == reader.CanonicalForm)
        {
            return new CopyStep(writer);
        }
        if (writer is UnionSchema writerUnion)
        {
            return new WriterUnionStep(writerUnion.Branches.Select(b => Build(b, reader)).ToArray());
        }
        if (reader is UnionSchema readerUnion)
        {
            var branch = FindReaderBranch(writer, readerUnion);
            return branch < 0
                ? Fail(writer, reader)
                : new ReaderUnionStep(branch, Build(writer, readerUnion.Branches[branch]));
        }
        switch (writer, reader)
        {
            case (RecordSchema w, RecordSchema r) when r.AcceptsNameOf(w):
                return BuildRecord(w, r);
            case (EnumSchema w, EnumSchema r) when r.AcceptsNameOf(w):
                return new EnumStep(w, r);
            case (FixedSchema w, FixedSchema r) when r.AcceptsNameOf(w) && w.Size == r.Size:
                return new CopyStep(w);
            case (ArraySchema w, ArraySchema r):
                var array = new CollectionStep(isMap: false, w.Items.MinEncodedSize);
                _built[(writer, reader)] = array;
                array.Item = Build(w.Items, r.Items);
                return array;
            case (MapSchema w, MapSchema r):
                var map = new CollectionStep(isMap: true, w.Values.MinEncodedSize);
                _built[(writer, reader)] = map;
                map.Item = Build(w.Values, r.Values);
                return map;
            case (PrimitiveSchema w, PrimitiveSchema r) when w.Type == r.Type:
                return new CopyStep(w);
            case (PrimitiveSchema w, PrimitiveSchema r) when PromoteStep.IsAllowed(w.Type, r.Type):
                // string and bytes share one encoding; the numeric promotions convert.
                return w.Type is AvroType.String or AvroType.Bytes ? new CopyStep(w) : new PromoteStep(w.Type, r.Type);
            default:
                return Fail(writer, reader);
        }
    }

    private TranscodeStep BuildRecord(RecordSchema writer, RecordSchema reader)
    {
        var readerIndexOf = new int[writer.Fields.Count];
        var matched = new bool[reader.Fields.Count];
        foreach (var writerField in writer.Fields)
        {
            var readerField = reader.GetField(writerField.Name) ?? reader.Fields.FirstOrDefault(f => f.Aliases.Contains(writerField.Name));
            readerIndexOf[writerField.Position] = readerField?.Position ?? -1;
            if (readerField is not null)
            {
                matched[readerField.Position] = true;
            }
        }
        var defaults = new byte[]?[reader.Fields.Count];
        foreach (var readerField in reader.Fields)
        {
            if (matched[readerField.Position])
            {
                continue;
            }
            if (readerField.Default is not { } defaultValue)
            {
                return new FailStep($"reader field {reader.FullName}.{readerField.Name} is missing from the writer's record and has no default");
            }
            defaults[readerField.Position] = DefaultValueEncoder.Encode(readerField.Schema, defaultValue);
        }
        var step = new RecordStep();
        _built[(writer, reader)] = step;
        var fields = new (TranscodeStep, int)[writer.Fields.Count];
        foreach (var writerField in writer.Fields)
        {
            var readerIndex = readerIndexOf[writerField.Position];
            fields[writerField.Position] = readerIndex < 0
                ? (new SkipStep(writerField.Schema), -1)
                : (Build(writerField.Schema, reader.Fields[readerIndex].Schema), readerIndex);
        }
        step.Initialize(fields, defaults);
        return step;
    }

    private static FailStep Fail(AvroSchema writer, AvroSchema reader) =>
        new($"writer's {Describe(writer)} cannot be read as {Describe(reader)}");

    internal static string Describe(AvroSchema schema) => schema switch
    {
        NamedSchema named => $"{PrimitiveSchema.NameOf(schema.Type)} {named.FullName}",
        _ => PrimitiveSchema.NameOf(schema.Type),
    };
}
