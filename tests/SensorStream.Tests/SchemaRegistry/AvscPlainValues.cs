using System.Text.Json.Nodes;
using SensorStream.Contracts.Events;

namespace SensorStream.Tests.SchemaRegistry;

/// <summary>Our events as avsc's plain JavaScript values (what kafkajs users pass to <c>registry.encode</c>).</summary>
internal static class AvscPlainValues
{
    public static JsonObject Of(EnvironmentReading r) => new()
    {
        ["sensor_id"] = r.SensorId,
        ["loc_id"] = r.LocId,
        ["event_time"] = (r.EventTime - DateTimeOffset.UnixEpoch).Ticks / 10,
        ["temperature_c"] = r.TemperatureC,
        ["humidity_pct"] = r.HumidityPct,
        ["perceived_temperature_c"] = r.PerceivedTemperatureC,
    };
}
