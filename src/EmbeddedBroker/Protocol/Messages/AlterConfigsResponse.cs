namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>AlterConfigs response: an error and message per resource.</summary>
internal sealed record AlterConfigsResponse(IReadOnlyList<(ErrorCode Error, string? Message, ConfigResourceType Type, string Name)> Results) : IResponse
{
    public void Write(KafkaWriter writer)
    {
        writer.WriteInt32(0); // throttle_time_ms
        writer.WriteArray(Results, static (w, r) =>
        {
            w.WriteError(r.Error);
            w.WriteNullableString(r.Message);
            w.WriteInt8((sbyte)r.Type);
            w.WriteString(r.Name);
        });
    }
}
