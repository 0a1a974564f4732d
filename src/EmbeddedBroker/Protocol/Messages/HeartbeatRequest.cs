namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>Heartbeat request (key 12), v0–3.</summary>
internal sealed record HeartbeatRequest(string GroupId, int GenerationId, string MemberId)
{
    public static HeartbeatRequest Read(ref KafkaReader reader)
    {
        var request = new HeartbeatRequest(reader.ReadString(), reader.ReadInt32(), reader.ReadString());
        if (reader.Version >= 3)
        {
            reader.ReadNullableString(); // group_instance_id: the member id already identifies the member
        }
        return request;
    }
}
