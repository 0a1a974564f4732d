using System.Collections;
using System.Reflection;
using SensorStream.Contracts.Avro.Generic;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Tests.Contracts.Events;

/// <summary>
/// Test-only reflection bridge between event records and generic values of their schemas: snake_case field i maps to the
/// i-th constructor parameter, which must carry the PascalCase of the same name — so a codec that swaps two fields of the
/// same type is caught too.
/// </summary>
internal static class EventMapper
{
    public static T FromGeneric<T>(GenericRecord record) => (T)FromRecord(typeof(T), record);

    public static GenericRecord ToGeneric(object value, RecordSchema schema)
    {
        var parameters = Constructor(value.GetType(), schema).GetParameters();
        var record = new GenericRecord(schema);
        foreach (var field in schema.Fields)
        {
            var property = value.GetType().GetProperty(parameters[field.Position].Name!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!;
            record[field.Position] = ToGenericValue(field.Schema, property.GetValue(value));
        }
        return record;
    }

    private static object FromRecord(Type type, GenericRecord record)
    {
        var constructor = Constructor(type, record.Schema);
        var parameters = constructor.GetParameters();
        var arguments = record.Schema.Fields.Select(f => FromGenericValue(parameters[f.Position].ParameterType, f.Schema, record[f.Position])).ToArray();
        return constructor.Invoke(arguments);
    }

    private static ConstructorInfo Constructor(Type type, RecordSchema schema)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var names = constructor.GetParameters().Select(p => p.Name!).ToList();
        var expected = schema.Fields.Select(f => string.Concat(f.Name.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]))).ToList();
        Assert.Equal(expected, names);
        return constructor;
    }

    private static object? FromGenericValue(Type target, AvroSchema schema, object? value)
    {
        if (schema is UnionSchema union)
        {
            return value is null ? null : FromGenericValue(target, union.Branches[UnionBranch.Find(union, value)], value);
        }
        target = Nullable.GetUnderlyingType(target) ?? target;
        var kind = schema.LogicalType?.Kind;
        return value switch
        {
            long micros when target == typeof(DateTimeOffset) && kind == LogicalTypeKind.TimestampMicros => DateTimeOffset.UnixEpoch.AddTicks(micros * 10),
            long millis when target == typeof(DateTimeOffset) && kind == LogicalTypeKind.TimestampMillis => DateTimeOffset.UnixEpoch.AddTicks(millis * 10_000),
            int days when target == typeof(DateOnly) => DateOnly.FromDayNumber(new DateOnly(1970, 1, 1).DayNumber + days),
            string text when target == typeof(Guid) => Guid.Parse(text),
            AvroDecimal d when target == typeof(decimal) => decimal.Parse(d.ToString(), System.Globalization.CultureInfo.InvariantCulture),
            GenericEnum e when target.IsEnum => Enum.ToObject(target, ((EnumSchema)schema).IndexOf(e.Symbol)),
            GenericRecord r => FromRecord(target, r),
            IList list when target == typeof(float[]) => list.Cast<float>().ToArray(),
            IList list when target.IsGenericType => ToTypedList(target.GetGenericArguments()[0], ((ArraySchema)schema).Items, list),
            Dictionary<string, object?> map => map.ToDictionary(e => e.Key, e => (string)e.Value!),
            _ => value,
        };
    }

    private static object ToTypedList(Type item, AvroSchema itemSchema, IList list)
    {
        var typed = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
        foreach (var element in list)
        {
            typed.Add(FromGenericValue(item, itemSchema, element));
        }
        return typed;
    }

    private static object? ToGenericValue(AvroSchema schema, object? value)
    {
        if (schema is UnionSchema union)
        {
            return value is null ? null : ToGenericValue(union.Branches.First(b => b.Type != AvroType.Null), value);
        }
        return value switch
        {
            DateTimeOffset t when schema.LogicalType?.Kind == LogicalTypeKind.TimestampMillis => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10_000,
            DateTimeOffset t => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10,
            DateOnly d => d.DayNumber - new DateOnly(1970, 1, 1).DayNumber,
            Guid g => g.ToString("D"),
            decimal m => AvroDecimal.Parse(m.ToString("F" + schema.LogicalType!.Scale, System.Globalization.CultureInfo.InvariantCulture)),
            Enum e => new GenericEnum((EnumSchema)schema, ((EnumSchema)schema).Symbols[Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture)]),
            float[] samples => samples.Cast<object?>().ToList(),
            IReadOnlyDictionary<string, string> map => map.ToDictionary(e => e.Key, e => (object?)e.Value),
            string or byte[] => value,
            IEnumerable items => items.Cast<object>().Select(i => ToGenericValue(((ArraySchema)schema).Items, i)).ToList(),
            not null when schema is RecordSchema record => ToGeneric(value, record),
            _ => value,
        };
    }
}
