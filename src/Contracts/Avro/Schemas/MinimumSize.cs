namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>
/// The fewest bytes any value of a schema encodes to. A decoder uses it to refuse an item count that the bytes left
/// cannot possibly hold, so a hostile count never makes it allocate or loop.
/// </summary>
internal static class MinimumSize
{
    public static int Of(AvroSchema schema) => Of(schema, []);

    private static int Of(AvroSchema schema, HashSet<AvroSchema> visiting)
    {
        switch (schema)
        {
            case PrimitiveSchema p:
                return p.Type switch
                {
                    AvroType.Null => 0,
                    AvroType.Float => 4,
                    AvroType.Double => 8,
                    _ => 1,
                };
            case FixedSchema f:
                return f.Size;
            case RecordSchema r:
                // A record that contains itself can only do so through a union or collection, which costs at least a byte,
                // so counting the recursive occurrence as zero keeps the bound a true lower bound.
                if (!visiting.Add(r))
                {
                    return 0;
                }
                var sum = 0L;
                foreach (var field in r.Fields)
                {
                    sum += Of(field.Schema, visiting);
                }
                visiting.Remove(r);
                return (int)Math.Min(sum, int.MaxValue);
            case UnionSchema u:
                var min = int.MaxValue;
                foreach (var branch in u.Branches)
                {
                    min = Math.Min(min, Of(branch, visiting));
                }
                return u.Branches.Count == 0 ? 1 : (int)Math.Min(1L + min, int.MaxValue);
            default:
                // enum index, array/map block count
                return 1;
        }
    }
}
