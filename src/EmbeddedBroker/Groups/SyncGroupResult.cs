using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Groups;

/// <summary>What a SyncGroup call gets back: the member's assignment bytes from the leader.</summary>
internal sealed record SyncGroupResult(ErrorCode Error, string? ProtocolType, string? ProtocolName, ReadOnlyMemory<byte> Assignment)
{
    public static SyncGroupResult Fail(ErrorCode error) => new(error, null, null, ReadOnlyMemory<byte>.Empty);
}
