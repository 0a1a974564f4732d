using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SensorStream.Benchmarks;

/// <summary>
/// Writes a benchmark's results as <c>benchmarks/results/&lt;name&gt;.json</c> and a Markdown table <c>&lt;name&gt;.md</c>,
/// both with the machine they were measured on. Every benchmark uses it so results read alike.
/// </summary>
public static class BenchmarkResults
{
    /// <summary>Writes the files and returns their paths.</summary>
    /// <param name="name">Benchmark name (file name).</param>
    /// <param name="description">What was measured and against which baseline.</param>
    /// <param name="columns">Column names, in table order.</param>
    /// <param name="rows">One value per column per row (numbers, strings).</param>
    /// <param name="notes">Lines shown under the table and kept in the JSON.</param>
    public static (string Json, string Markdown) Write(string name, string description, IReadOnlyList<string> columns,
        IReadOnlyList<IReadOnlyList<object>> rows, IReadOnlyList<string> notes)
    {
        var directory = Path.Combine(RepositoryRoot(), "benchmarks", "results");
        Directory.CreateDirectory(directory);
        var environment = new JsonObject
        {
            ["measuredAt"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["runtime"] = RuntimeInformation.FrameworkDescription,
            ["os"] = RuntimeInformation.OSDescription,
            ["cpus"] = Environment.ProcessorCount,
            ["processor"] = RuntimeInformation.ProcessArchitecture.ToString(),
        };
        var json = new JsonObject
        {
            ["benchmark"] = name,
            ["description"] = description,
            ["environment"] = environment,
            ["notes"] = new JsonArray(notes.Select(n => (JsonNode)n).ToArray()),
            ["results"] = new JsonArray(rows.Select(row =>
            {
                var item = new JsonObject();
                for (var i = 0; i < columns.Count; i++)
                {
                    item[columns[i]] = ToNode(row[i]);
                }
                return (JsonNode)item;
            }).ToArray()),
        };
        var jsonPath = Path.Combine(directory, $"{name}.json");
        File.WriteAllText(jsonPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

        var md = new StringBuilder();
        md.Append("# Benchmark: ").AppendLine(name).AppendLine();
        md.AppendLine(description).AppendLine();
        md.Append("Measured ").Append(environment["measuredAt"]).Append(" on ").Append(environment["runtime"]).Append(", ")
            .Append(environment["os"]).Append(", ").Append(environment["cpus"]).AppendLine(" CPUs.").AppendLine();
        md.Append("| ").AppendJoin(" | ", columns).AppendLine(" |");
        md.Append('|').AppendJoin('|', columns.Select(_ => "---")).AppendLine("|");
        foreach (var row in rows)
        {
            md.Append("| ").AppendJoin(" | ", row.Select(Format)).AppendLine(" |");
        }
        if (notes.Count > 0)
        {
            md.AppendLine();
            foreach (var note in notes)
            {
                md.Append("- ").AppendLine(note);
            }
        }
        var mdPath = Path.Combine(directory, $"{name}.md");
        File.WriteAllText(mdPath, md.ToString());
        return (jsonPath, mdPath);
    }

    private static JsonNode ToNode(object value) => value switch
    {
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };

    private static string Format(object value) => value switch
    {
        double d => d.ToString(Math.Abs(d) >= 100 ? "F0" : Math.Abs(d) >= 1 ? "F1" : "F3", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "SensorStream.slnx")))
                {
                    return directory.FullName;
                }
            }
        }
        throw new InvalidOperationException("run the benchmarks from inside the SensorStream repository");
    }
}
