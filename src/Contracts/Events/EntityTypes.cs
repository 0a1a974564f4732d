namespace SensorStream.Contracts.Events;

/// <summary>The levels a <see cref="WindowAggregate"/> or <see cref="StatusChange"/> entity can be.</summary>
public static class EntityTypes
{
    /// <summary>One environment sensor (<c>F1-B2-3F-L04-A1</c>).</summary>
    public const string Sensor = "sensor";

    /// <summary>A location, <c>loc_id</c> (<c>F1-B2-3F-L04</c>).</summary>
    public const string Location = "location";

    /// <summary>A floor of a building (<c>F1-B2-3F</c>).</summary>
    public const string Floor = "floor";

    /// <summary>A building of a factory (<c>F1-B2</c>).</summary>
    public const string Building = "building";

    /// <summary>A factory (<c>F1</c>).</summary>
    public const string Factory = "factory";

    /// <summary>One vibration sensor on a machine (<c>g1/sensor1</c>).</summary>
    public const string MachineSensor = "machine_sensor";
}
