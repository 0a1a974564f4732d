using System.Text.Json.Nodes;
using Confluent.Kafka;
using SensorStream.Contracts;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.SchemaRegistry;
using SensorStream.Contracts.WireFormat;
using SensorStream.Tests.Peers;

namespace SensorStream.Tests.SchemaRegistry;

/// <summary>
/// @kafkajs/confluent-schema-registry against our registry, and its wire-format messages against our serializers: what it
/// encodes we decode, and the reverse. (The same exchange through a Kafka topic waits for the embedded broker.)
/// </summary>
public sealed class KafkajsSchemaRegistryTests(RegistryServerFixture fixture) : IClassFixture<RegistryServerFixture>, IDisposable
{
    private readonly SchemaRegistryClient _registry = new(new SchemaRegistryClientOptions { Url = fixture.Server.Url, RequestTimeout = TimeSpan.FromSeconds(10) });

    public void Dispose() => _registry.Dispose();

    [Fact]
    public async Task KafkajsEncodes_WeDecode_WeEncode_KafkajsDecodes()
    {
        PeerPaths.RequireNodeModules("@kafkajs/confluent-schema-registry");
        var topic = $"kjs{Guid.NewGuid():N}";
        var context = new SerializationContext(MessageComponentType.Value, topic);
        var readings = new[]
        {
            new EnvironmentReading("s1", "L1", new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero).AddTicks(1230), 21.5, 40.25, null),
            new EnvironmentReading("capteur-é", "bâtiment-2", DateTimeOffset.UnixEpoch.AddDays(-1), -12.75, 99.5, -20.5),
        };
        var ours = readings.Select(r => new AvroSerializer<EnvironmentReading>(_registry).Serialize(r, context)).ToList();
        var request = new JsonObject
        {
            ["encode"] = new JsonArray(readings.Select(r => (JsonNode)AvscPlainValues.Of(r)).ToArray()),
            ["decode"] = new JsonArray(ours.Select(b => (JsonNode)Convert.ToHexStringLower(b)).ToArray()),
        };

        var output = await PeerProcess.RunAsync(PeerPaths.Node,
            [PeerPaths.Script("schema-registry", "kafkajs_registry.mjs"), fixture.Server.Url.ToString().TrimEnd('/'), Topics.ValueSubject(topic),
                Path.Combine(PeerPaths.RepositoryRoot, "schemas", "EnvironmentReading.avsc")],
            request.ToJsonString(), TestContext.Current.CancellationToken);
        var result = JsonNode.Parse(output)!;

        var registeredId = result["id"]!.GetValue<int>();
        Assert.Equal(registeredId, result["latestId"]!.GetValue<int>());
        Assert.Equal(registeredId, result["lookedUpId"]!.GetValue<int>());
        Assert.Equal((await _registry.LookupSchemaAsync(Topics.ValueSubject(topic), EnvironmentReading.Schema.ToJson(), TestContext.Current.CancellationToken)).Id, registeredId);
        Assert.Equal("BACKWARD", (await _registry.GetCompatibilityAsync(Topics.ValueSubject(topic), TestContext.Current.CancellationToken)).ToWireName());
        var deserializer = new AvroDeserializer<EnvironmentReading>(_registry);
        var theirs = result["encoded"]!.AsArray().Select(n => Convert.FromHexString(n!.GetValue<string>())).ToList();
        for (var i = 0; i < readings.Length; i++)
        {
            Assert.Equal(ours[i], theirs[i]);
            Assert.Equal(readings[i], deserializer.Deserialize(theirs[i], false, context));
            var decoded = result["decoded"]![i]!;
            Assert.Equal(readings[i].SensorId, decoded["sensor_id"]!.GetValue<string>());
            Assert.Equal(readings[i].LocId, decoded["loc_id"]!.GetValue<string>());
            Assert.Equal((readings[i].EventTime - DateTimeOffset.UnixEpoch).Ticks / 10, decoded["event_time"]!.GetValue<long>());
            Assert.Equal(readings[i].TemperatureC, decoded["temperature_c"]!.GetValue<double>());
            Assert.Equal(readings[i].HumidityPct, decoded["humidity_pct"]!.GetValue<double>());
            Assert.Equal(readings[i].PerceivedTemperatureC, decoded["perceived_temperature_c"]?.GetValue<double>());
        }
    }
}
