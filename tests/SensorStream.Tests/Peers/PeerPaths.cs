namespace SensorStream.Tests.Peers;

/// <summary>Where the peer programs and their scripts are.</summary>
internal static class PeerPaths
{
    /// <summary>Debian's Python, which has python3-avro and python3-confluent-kafka; the first python3 on PATH may be another.</summary>
    public const string Python = "/usr/bin/python3";

    public const string Node = "node";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string PeersDirectory => Path.Combine(RepositoryRoot, "tests", "peers");

    public static string Script(params string[] relative) => Path.Combine([PeersDirectory, .. relative]);

    /// <summary>Fails (rather than skips) when the npm peers were not installed.</summary>
    public static void RequireNodeModules(string package)
    {
        var path = Path.Combine(PeersDirectory, "node_modules", package);
        if (!Directory.Exists(path))
        {
            throw new InvalidOperationException($"npm package '{package}' is missing from {PeersDirectory}/node_modules; run `npm ci` there (./sensorstream test does it)");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SensorStream.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no SensorStream.slnx above {AppContext.BaseDirectory}");
    }
}
