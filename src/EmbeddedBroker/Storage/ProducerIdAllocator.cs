using System.Globalization;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>
/// Hands out idempotent-producer ids that are never reused, even across restarts: ids are reserved in
/// blocks whose upper bound is saved durably before any id of the block is given out.
/// </summary>
internal sealed class ProducerIdAllocator
{
    private const long BlockSize = 1000;
    private readonly Lock _lock = new();
    private readonly string _path;
    private long _next;
    private long _reservedUpTo;

    public ProducerIdAllocator(string dataDirectory)
    {
        _path = Path.Combine(dataDirectory, "producer-ids");
        _next = File.Exists(_path) && long.TryParse(File.ReadAllText(_path).Trim(), CultureInfo.InvariantCulture, out var saved) ? saved : 0;
        _reservedUpTo = _next;
    }

    public long Next()
    {
        lock (_lock)
        {
            if (_next >= _reservedUpTo)
            {
                _reservedUpTo = _next + BlockSize;
                DurableFile.WriteAllBytes(_path, System.Text.Encoding.ASCII.GetBytes(_reservedUpTo.ToString(CultureInfo.InvariantCulture)));
            }
            return _next++;
        }
    }
}
