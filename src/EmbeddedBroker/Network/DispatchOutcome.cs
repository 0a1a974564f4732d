using SensorStream.EmbeddedBroker.Protocol;

namespace SensorStream.EmbeddedBroker.Network;

/// <summary>What to do after one request: send a framed response (or nothing), or close with a reason.</summary>
internal readonly record struct DispatchOutcome(KafkaWriter? Response, string? RejectReason, string? RejectKind)
{
    public static DispatchOutcome Respond(KafkaWriter? response) => new(response, null, null);

    /// <summary>Close the connection; <paramref name="kind"/> is a short metric label, <paramref name="reason"/> the log text.</summary>
    public static DispatchOutcome Reject(string kind, string reason) => new(null, reason, kind);
}
