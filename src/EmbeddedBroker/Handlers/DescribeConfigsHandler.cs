using System.Globalization;
using SensorStream.EmbeddedBroker.Protocol;
using SensorStream.EmbeddedBroker.Protocol.Messages;

namespace SensorStream.EmbeddedBroker.Handlers;

/// <summary>DescribeConfigs (key 32), v0–2: topic configs (with where each value comes from) and the broker's settings.</summary>
internal sealed class DescribeConfigsHandler(BrokerState broker) : ApiHandler<DescribeConfigsRequest>(ApiKey.DescribeConfigs, 0, 2)
{
    protected override DescribeConfigsRequest Read(ref KafkaReader reader) => DescribeConfigsRequest.Read(ref reader);

    protected override ValueTask<IResponse?> HandleAsync(DescribeConfigsRequest request, RequestContext context) =>
        Respond(new DescribeConfigsResponse([.. request.Resources.Select(Describe)]));

    private DescribeConfigsResponse.ResourceResult Describe(DescribeConfigsRequest.Resource resource)
    {
        IEnumerable<DescribeConfigsResponse.ConfigEntry> entries;
        switch (resource.Type)
        {
            case ConfigResourceType.Topic when broker.Topics.Find(resource.Name) is { } topic:
                var config = topic.Config;
                entries = config.Defaults.Keys.Order(StringComparer.Ordinal).Select(key => config.Overrides.TryGetValue(key, out var value)
                    ? new DescribeConfigsResponse.ConfigEntry(key, value, false, DescribeConfigsResponse.DynamicTopicConfig)
                    : new DescribeConfigsResponse.ConfigEntry(key, config.Defaults[key], false, DescribeConfigsResponse.DefaultConfig));
                break;
            case ConfigResourceType.Topic:
                return new(ErrorCode.UnknownTopicOrPartition, $"topic '{resource.Name}' does not exist", resource.Type, resource.Name, []);
            case ConfigResourceType.Broker when resource.Name is "" || resource.Name == BrokerState.NodeId.ToString(CultureInfo.InvariantCulture):
                entries = BrokerSettings().Select(s => new DescribeConfigsResponse.ConfigEntry(s.Key, s.Value, true, DescribeConfigsResponse.StaticBrokerConfig));
                break;
            default:
                return new(ErrorCode.InvalidRequest, $"no config resource of type {(sbyte)resource.Type} named '{resource.Name}'", resource.Type, resource.Name, []);
        }
        if (resource.Keys is { } keys)
        {
            entries = entries.Where(e => keys.Contains(e.Name));
        }
        return new(ErrorCode.None, null, resource.Type, resource.Name, [.. entries]);
    }

    private IEnumerable<KeyValuePair<string, string>> BrokerSettings()
    {
        var options = broker.Options;
        static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;
        yield return new("broker.id", Text(BrokerState.NodeId));
        yield return new("advertised.listeners", $"PLAINTEXT://{options.AdvertisedHost}:{broker.AdvertisedPort}");
        yield return new("log.dirs", Path.GetFullPath(Path.Combine(options.DataDir, "logs")));
        yield return new("num.partitions", Text(options.DefaultPartitions));
        yield return new("auto.create.topics.enable", options.AutoCreateTopics ? "true" : "false");
        yield return new("socket.request.max.bytes", Text(options.MaxRequestBytes));
        yield return new("log.flush.policy", options.Fsync.ToString());
        foreach (var (key, value) in broker.Topics.BrokerDefaults.Defaults.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            yield return new("log." + key, value);
        }
    }
}
