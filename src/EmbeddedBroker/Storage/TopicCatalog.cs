using System.Text.Json;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>
/// The list of topics with their ids, partition counts and config overrides, saved as <c>topics.json</c> in
/// the data directory. Written whole and atomically after every topic change.
/// </summary>
internal static class TopicCatalog
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static IReadOnlyList<Entry> Load(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }
        return JsonSerializer.Deserialize<List<Entry>>(File.ReadAllBytes(path), Json)
            ?? throw new InvalidDataException($"{path} is empty");
    }

    public static void Save(string path, IEnumerable<Entry> entries) =>
        DurableFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(entries.OrderBy(e => e.Name, StringComparer.Ordinal).ToList(), Json));

    /// <summary>One topic as saved.</summary>
    internal sealed record Entry(string Name, Guid Id, int Partitions, Dictionary<string, string> Configs);
}
