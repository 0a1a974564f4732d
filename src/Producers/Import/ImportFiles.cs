namespace SensorStream.Producers.Import;

/// <summary>The files one import command covers: files as given, and the <c>*.csv</c> files of each folder given (by name, not recursive).</summary>
public static class ImportFiles
{
    /// <summary>Expands <paramref name="paths"/>; throws <see cref="FileNotFoundException"/> naming the first path that does not exist or a folder without CSV files.</summary>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var inFolder = Directory.EnumerateFiles(path, "*", SearchOption.TopDirectoryOnly)
                    .Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (inFolder.Count == 0)
                {
                    throw new FileNotFoundException($"{Path.GetFullPath(path)} holds no .csv file", path);
                }
                files.AddRange(inFolder.Select(Path.GetFullPath));
            }
            else if (File.Exists(path))
            {
                files.Add(Path.GetFullPath(path));
            }
            else
            {
                throw new FileNotFoundException($"{Path.GetFullPath(path)} does not exist", path);
            }
        }
        return [.. files.Distinct(StringComparer.Ordinal)];
    }
}
