using System.Text;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>
/// The cluster id, created once per data directory and kept in <c>meta.properties</c> (as Kafka does), so
/// clients see the same cluster after a restart.
/// </summary>
internal static class ClusterIdentity
{
    public static string LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "meta.properties");
        if (File.Exists(path))
        {
            var line = File.ReadAllLines(path).FirstOrDefault(l => l.StartsWith("cluster.id=", StringComparison.Ordinal));
            if (line is not null && line.Length > "cluster.id=".Length)
            {
                return line["cluster.id=".Length..];
            }
        }
        // Kafka's format: a random UUID as 22 characters of URL-safe base64.
        var id = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        DurableFile.WriteAllBytes(path, Encoding.UTF8.GetBytes($"version=1\ncluster.id={id}\nnode.id=1\n"));
        return id;
    }
}
