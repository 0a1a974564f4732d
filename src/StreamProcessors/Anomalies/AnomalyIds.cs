using System.Security.Cryptography;
using System.Text;

namespace SensorStream.StreamProcessors.Anomalies;

/// <summary>Deterministic anomaly ids (a name-based UUID of what the anomaly is about), so a replay re-emits the same id and sinks upsert.</summary>
internal static class AnomalyIds
{
    public static Guid For(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001F', parts)));
        hash[7] = (byte)((hash[7] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }
}
