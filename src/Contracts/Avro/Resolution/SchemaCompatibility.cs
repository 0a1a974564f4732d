using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Resolution;

/// <summary>
/// Decides whether data written with one schema can always be read with another, by the Avro resolution rules; the
/// schema registry's BACKWARD/FORWARD/FULL checks are built on it. Stricter than resolution itself: resolution fails only when
/// an unreadable value occurs, this fails when one could.
/// </summary>
public static class SchemaCompatibility
{
    /// <summary>Checks that every value <paramref name="writer"/> can produce is readable as <paramref name="reader"/>.</summary>
    /// <returns>The problems found, each with a path into the reader's schema; empty when compatible.</returns>
    public static IReadOnlyList<string> CanRead(AvroSchema reader, AvroSchema writer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        var problems = new List<string>();
        Check(reader, writer, "/", problems, []);
        return problems;
    }

    private static void Check(AvroSchema reader, AvroSchema writer, string path, List<string> problems, HashSet<(AvroSchema, AvroSchema)> assumed)
    {
        // A recursive pair under check is taken as compatible; any real problem shows up along the non-recursive path.
        if (!assumed.Add((reader, writer)))
        {
            return;
        }
        if (writer is UnionSchema writerUnion)
        {
            for (var i = 0; i < writerUnion.Branches.Count; i++)
            {
                Check(reader, writerUnion.Branches[i], path, problems, assumed);
            }
            return;
        }
        if (reader is UnionSchema readerUnion)
        {
            var branch = ResolutionCompiler.FindReaderBranch(writer, readerUnion);
            if (branch < 0)
            {
                problems.Add($"{path}: reader union lacks a branch for the writer's {ResolutionCompiler.Describe(writer)}");
            }
            else
            {
                Check(readerUnion.Branches[branch], writer, $"{path}{branch}/", problems, assumed);
            }
            return;
        }
        switch (reader, writer)
        {
            case (RecordSchema r, RecordSchema w):
                CheckRecord(r, w, path, problems, assumed);
                break;
            case (EnumSchema r, EnumSchema w):
                if (!r.AcceptsNameOf(w))
                {
                    problems.Add($"{path}: name mismatch, reader expects enum {r.FullName}, writer has {w.FullName}");
                }
                var missing = w.Symbols.Where(s => r.IndexOf(s) < 0).ToList();
                if (missing.Count > 0 && r.Default is null)
                {
                    problems.Add($"{path}: reader enum {r.FullName} lacks symbols [{string.Join(", ", missing)}] and has no default");
                }
                break;
            case (FixedSchema r, FixedSchema w):
                if (!r.AcceptsNameOf(w))
                {
                    problems.Add($"{path}: name mismatch, reader expects fixed {r.FullName}, writer has {w.FullName}");
                }
                if (r.Size != w.Size)
                {
                    problems.Add($"{path}: fixed size mismatch, reader expects {r.Size}, writer has {w.Size}");
                }
                break;
            case (ArraySchema r, ArraySchema w):
                Check(r.Items, w.Items, $"{path}items/", problems, assumed);
                break;
            case (MapSchema r, MapSchema w):
                Check(r.Values, w.Values, $"{path}values/", problems, assumed);
                break;
            default:
                if (reader.Type != writer.Type && !PromoteStep.IsAllowed(writer.Type, reader.Type))
                {
                    problems.Add($"{path}: type mismatch, reader expects {ResolutionCompiler.Describe(reader)}, writer has {ResolutionCompiler.Describe(writer)}");
                }
                break;
        }
    }

    private static void CheckRecord(RecordSchema reader, RecordSchema writer, string path, List<string> problems, HashSet<(AvroSchema, AvroSchema)> assumed)
    {
        if (!reader.AcceptsNameOf(writer))
        {
            problems.Add($"{path}: name mismatch, reader expects record {reader.FullName}, writer has {writer.FullName}");
            return;
        }
        foreach (var field in reader.Fields)
        {
            var writerField = writer.GetField(field.Name) ?? field.Aliases.Select(writer.GetField).FirstOrDefault(f => f is not null);
            if (writerField is null)
            {
                if (!field.HasDefault)
                {
                    problems.Add($"{path}fields/{field.Name}: reader field '{field.Name}' is not in the writer's schema and has no default");
                }
                continue;
            }
            Check(field.Schema, writerField.Schema, $"{path}fields/{field.Name}/", problems, assumed);
        }
    }
}
