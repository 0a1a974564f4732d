using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SensorStream.Contracts.Avro.Parsing;

namespace SensorStream.EmbeddedBroker.SchemaRegistry;

/// <summary>
/// The registry's append-only log: one JSON object per line in <c>schemas.log</c>, flushed to disk before a change is
/// acknowledged. A crash can only tear the last line; on open that torn tail is cut off, so the file always replays to the
/// state of the last acknowledged change.
/// </summary>
internal sealed class RegistryLog : IDisposable
{
    public const string FileName = "schemas.log";
    public const string OpSchema = "schema";
    public const string OpVersion = "version";
    public const string OpDeleteVersion = "delete_version";
    public const string OpConfig = "config";

    private readonly FileStream _file;

    private RegistryLog(FileStream file)
    {
        _file = file;
    }

    /// <summary>Opens (creating if needed) the log in <paramref name="directory"/> and replays every complete record into <paramref name="apply"/>.</summary>
    public static RegistryLog Open(string directory, Action<JsonElement> apply)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var goodLength = Replay(file, path, apply);
            if (goodLength < file.Length)
            {
                file.SetLength(goodLength);
                file.Flush(flushToDisk: true);
            }
            file.Seek(0, SeekOrigin.End);
            return new RegistryLog(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Appends one record and forces it to disk.</summary>
    public void Append(JsonObject record)
    {
        var line = Encoding.UTF8.GetBytes(record.ToJsonString() + "\n");
        _file.Write(line);
        _file.Flush(flushToDisk: true);
    }

    public void Dispose() => _file.Dispose();

    private static long Replay(FileStream file, string path, Action<JsonElement> apply)
    {
        var content = new byte[file.Length];
        file.ReadExactly(content);
        var position = 0;
        var lineNumber = 0;
        while (position < content.Length)
        {
            var end = Array.IndexOf(content, (byte)'\n', position);
            if (end < 0)
            {
                // No newline: the write of this record never completed, so it was never acknowledged.
                return position;
            }
            lineNumber++;
            try
            {
                using var document = JsonDocument.Parse(content.AsMemory(position, end - position));
                apply(document.RootElement);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or AvroSchemaException)
            {
                if (end == content.Length - 1)
                {
                    return position;
                }
                throw new InvalidDataException($"{path} line {lineNumber} is corrupt: {e.Message}", e);
            }
            position = end + 1;
        }
        return position;
    }
}
