using System.Collections;

namespace SensorStream.Contracts.Avro.Generic;

/// <summary>Helpers over generic values: structural equality and short descriptions for messages.</summary>
internal static class GenericDatum
{
    public static bool DeepEquals(object? a, object? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (null, _) or (_, null):
                return false;
            case (GenericRecord x, GenericRecord y):
                if (x.Schema.FullName != y.Schema.FullName || x.Schema.Fields.Count != y.Schema.Fields.Count)
                {
                    return false;
                }
                for (var i = 0; i < x.Schema.Fields.Count; i++)
                {
                    if (!DeepEquals(x[i], y[i]))
                    {
                        return false;
                    }
                }
                return true;
            case (GenericEnum x, GenericEnum y):
                return x.Symbol == y.Symbol && x.Schema.FullName == y.Schema.FullName;
            case (GenericFixed x, GenericFixed y):
                return x.Value.AsSpan().SequenceEqual(y.Value);
            case (byte[] x, byte[] y):
                return x.AsSpan().SequenceEqual(y);
            case (float x, float y):
                return x.Equals(y);
            case (double x, double y):
                return x.Equals(y);
            case (IDictionary x, IDictionary y):
                if (x.Count != y.Count)
                {
                    return false;
                }
                foreach (DictionaryEntry entry in x)
                {
                    if (!y.Contains(entry.Key) || !DeepEquals(entry.Value, y[entry.Key]))
                    {
                        return false;
                    }
                }
                return true;
            case (IList x, IList y):
                if (x.Count != y.Count)
                {
                    return false;
                }
                for (var i = 0; i < x.Count; i++)
                {
                    if (!DeepEquals(x[i], y[i]))
                    {
                        return false;
                    }
                }
                return true;
            default:
                return a.Equals(b);
        }
    }

    // The non-generic enumerator yields DictionaryEntry whatever the dictionary's own entry type is.
    private static IEnumerable<DictionaryEntry> Entries(IDictionary dictionary)
    {
        foreach (DictionaryEntry entry in dictionary)
        {
            yield return entry;
        }
    }

    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        byte[] bytes => $"0x{Convert.ToHexStringLower(bytes)}",
        IDictionary d => $"{{{string.Join(", ", Entries(d).Select(e => $"{e.Key}: {Describe(e.Value)}"))}}}",
        IList list => $"[{string.Join(", ", list.Cast<object?>().Select(Describe))}]",
        _ => value.ToString() ?? string.Empty,
    };
}
