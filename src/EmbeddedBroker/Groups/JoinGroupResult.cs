using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Groups;

/// <summary>What a JoinGroup call gets back once its generation forms (or why it failed).</summary>
internal sealed record JoinGroupResult(
    ErrorCode Error,
    int GenerationId,
    string? ProtocolType,
    string? ProtocolName,
    string LeaderId,
    string MemberId,
    IReadOnlyList<JoinGroupResult.Member> Members)
{
    public static JoinGroupResult Fail(ErrorCode error, string memberId = "") => new(error, -1, null, null, string.Empty, memberId, []);

    /// <summary>A member as the leader sees it, with its metadata for the chosen protocol.</summary>
    internal sealed record Member(string MemberId, string? GroupInstanceId, ReadOnlyMemory<byte> Metadata);
}
