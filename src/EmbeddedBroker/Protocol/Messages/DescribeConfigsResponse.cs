namespace SensorStream.EmbeddedBroker.Protocol.Messages;

/// <summary>DescribeConfigs response: every requested config with its value and where it comes from.</summary>
internal sealed record DescribeConfigsResponse(IReadOnlyList<DescribeConfigsResponse.ResourceResult> Results) : IResponse
{
    /// <summary>config_source: set on the topic.</summary>
    public const sbyte DynamicTopicConfig = 1;

    /// <summary>config_source: the broker's static setting (from <see cref="BrokerOptions"/>).</summary>
    public const sbyte StaticBrokerConfig = 4;

    /// <summary>config_source: not set on the topic, so the broker-wide default applies.</summary>
    public const sbyte DefaultConfig = 5;

    public void Write(KafkaWriter writer)
    {
        var version = writer.Version;
        writer.WriteInt32(0); // throttle_time_ms
        writer.WriteArray(Results, (w, r) =>
        {
            w.WriteError(r.Error);
            w.WriteNullableString(r.Message);
            w.WriteInt8((sbyte)r.Type);
            w.WriteString(r.Name);
            w.WriteArray(r.Configs, (cw, c) =>
            {
                cw.WriteString(c.Name);
                cw.WriteNullableString(c.Value);
                cw.WriteBool(c.ReadOnly);
                if (version == 0)
                {
                    cw.WriteBool(c.Source == DefaultConfig);
                }
                else
                {
                    cw.WriteInt8(c.Source);
                }
                cw.WriteBool(false); // is_sensitive
                if (version >= 1)
                {
                    cw.WriteArrayLength(0); // synonyms
                }
            });
        });
    }

    internal sealed record ResourceResult(ErrorCode Error, string? Message, ConfigResourceType Type, string Name, IReadOnlyList<ConfigEntry> Configs);

    internal sealed record ConfigEntry(string Name, string? Value, bool ReadOnly, sbyte Source);
}
