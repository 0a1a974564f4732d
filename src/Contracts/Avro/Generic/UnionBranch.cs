using System.Collections;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Avro.Generic;

/// <summary>Chooses the union branch for a generic value: an exact type match first, then a promotion.</summary>
internal static class UnionBranch
{
    public static int Find(UnionSchema union, object? value)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < union.Branches.Count; i++)
            {
                if (Matches(union.Branches[i], value, exact: pass == 0))
                {
                    return i;
                }
            }
        }
        return -1;
    }

    private static bool Matches(AvroSchema branch, object? value, bool exact)
    {
        var logical = branch.LogicalType?.Kind;
        return (branch.Type, value) switch
        {
            (AvroType.Null, null) => true,
            (_, null) => false,
            (AvroType.Boolean, bool) => true,
            (AvroType.Int, int) => true,
            (AvroType.Int, DateOnly) => logical == LogicalTypeKind.Date,
            (AvroType.Long, long) => true,
            (AvroType.Long, DateTimeOffset) => logical is LogicalTypeKind.TimestampMicros or LogicalTypeKind.TimestampMillis,
            (AvroType.Float, float) => true,
            (AvroType.Double, double) => true,
            (AvroType.Bytes, byte[]) => true,
            (AvroType.Bytes or AvroType.Fixed, AvroDecimal or decimal) => logical == LogicalTypeKind.Decimal,
            (AvroType.String, string) => true,
            (AvroType.String, Guid) => logical == LogicalTypeKind.Uuid,
            (AvroType.Record, GenericRecord r) => r.Schema.FullName == ((RecordSchema)branch).FullName,
            (AvroType.Enum, GenericEnum e) => e.Schema.FullName == ((EnumSchema)branch).FullName,
            (AvroType.Fixed, GenericFixed f) => f.Schema.FullName == ((FixedSchema)branch).FullName,
            (AvroType.Map, IDictionary) => true,
            (AvroType.Array, IList and not byte[]) => true,
            _ when exact => false,
            (AvroType.Long, int) => true,
            (AvroType.Float, int or long) => true,
            (AvroType.Double, int or long or float) => true,
            (AvroType.Enum, string s) => ((EnumSchema)branch).IndexOf(s) >= 0,
            (AvroType.Fixed, byte[] b) => b.Length == ((FixedSchema)branch).Size,
            _ => false,
        };
    }
}
