namespace SensorStream.Contracts.Locations;

/// <summary>Where an environment sensor is: factory → building → floor → location (<c>loc_id</c>) → area.</summary>
/// <param name="SensorId">The sensor, e.g. <c>F1-B2-3F-L04-A1</c> (its location id plus its area).</param>
/// <param name="Factory">Factory, e.g. <c>F1</c>.</param>
/// <param name="Building">Building within the factory, e.g. <c>B2</c>.</param>
/// <param name="Floor">Floor within the building, e.g. <c>3F</c>.</param>
/// <param name="LocId">Location (room or zone), unique across factories, e.g. <c>F1-B2-3F-L04</c>.</param>
/// <param name="Area">Area within the location, e.g. <c>A1</c>.</param>
/// <param name="SensorType">What kind of place it measures (<c>production</c>, <c>office</c>, <c>warehouse</c>, <c>server_room</c>); thresholds are set per sensor type.</param>
public sealed record SensorLocation(string SensorId, string Factory, string Building, string Floor, string LocId, string Area, string SensorType)
{
    /// <summary>The building's id unique across factories, e.g. <c>F1-B2</c>.</summary>
    public string BuildingId => $"{Factory}-{Building}";

    /// <summary>The floor's id unique across factories, e.g. <c>F1-B2-3F</c>.</summary>
    public string FloorId => $"{Factory}-{Building}-{Floor}";
}
