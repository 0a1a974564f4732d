namespace SensorStream.EmbeddedBroker.Groups;

/// <summary>The parts of a JoinGroup request the coordinator needs, plus who sent it.</summary>
internal sealed record JoinGroupArgs(
    string GroupId,
    string MemberId,
    string? GroupInstanceId,
    string ProtocolType,
    IReadOnlyList<GroupProtocol> Protocols,
    int SessionTimeoutMs,
    int RebalanceTimeoutMs,
    string ClientId,
    string ClientHost);
