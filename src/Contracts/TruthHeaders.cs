using System.Globalization;
using SensorStream.Contracts.Events;

namespace SensorStream.Contracts;

/// <summary>
/// Kafka headers in which simulators record the ground truth of what they generated. They travel beside the Avro
/// value, never inside it, so processors cannot see them; evaluations read them to score processors.
/// </summary>
public static class TruthHeaders
{
    /// <summary>On <c>sensors.vibration</c>: the machine's true condition class, <c>0</c> normal, <c>1</c> mass unbalance, <c>2</c> support looseness, <c>3</c> both.</summary>
    public const string Fault = "truth-fault";

    /// <summary>On <c>trips.records</c>: the entry error injected: <c>none</c>, <c>dropped-digit</c>, <c>adjacent-key</c>, <c>transposed</c> or <c>duplicate</c>.</summary>
    public const string Error = "truth-error";

    /// <summary>On <c>trips.records</c> with an error: the field that was mistyped (Avro field name), or <c>row</c> for a duplicate.</summary>
    public const string Field = "truth-field";

    /// <summary>On <c>trips.records</c> with an error: the correct value (invariant culture), or the original row's trip id for a duplicate.</summary>
    public const string Value = "truth-value";

    /// <summary>On <c>sensors.environment</c>: how long the simulator held the reading back, in milliseconds (out-of-order and late events).</summary>
    public const string DelayMs = "truth-delay-ms";

    /// <summary>On <c>sensors.environment</c>: <c>true</c> while the location is in a simulated temperature excursion.</summary>
    public const string Excursion = "truth-excursion";

    /// <summary>The class number carried in <see cref="Fault"/> for <paramref name="fault"/>.</summary>
    public static string FaultClass(VibrationFault fault) => fault switch
    {
        VibrationFault.Normal => "0",
        VibrationFault.MassUnbalance => "1",
        VibrationFault.SupportLooseness => "2",
        VibrationFault.UnbalanceAndLooseness => "3",
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "no class number"),
    };

    /// <summary>The fault for a <see cref="Fault"/> header value, or <see cref="VibrationFault.Unknown"/>.</summary>
    public static VibrationFault ParseFaultClass(string? value) => value switch
    {
        "0" => VibrationFault.Normal,
        "1" => VibrationFault.MassUnbalance,
        "2" => VibrationFault.SupportLooseness,
        "3" => VibrationFault.UnbalanceAndLooseness,
        _ => VibrationFault.Unknown,
    };

    /// <summary>Formats a number for <see cref="Value"/>.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
