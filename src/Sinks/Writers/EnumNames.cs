using SensorStream.Contracts.Events;

namespace SensorStream.Sinks.Writers;

/// <summary>Enum values as the text stored in the tables (the Avro symbol's C# name), looked up rather than formatted per row.</summary>
internal static class EnumNames
{
    private static readonly string[] Levels = Enum.GetNames<StatusLevel>();
    private static readonly string[] Faults = Enum.GetNames<VibrationFault>();
    private static readonly string[] Kinds = Enum.GetNames<AnomalyKind>();

    public static string Of(StatusLevel level) => Name(Levels, (int)level, level);

    public static string Of(VibrationFault fault) => Name(Faults, (int)fault, fault);

    public static string Of(AnomalyKind kind) => Name(Kinds, (int)kind, kind);

    // The enums are dense from 0 (Avro symbol order); anything else is formatted.
    private static string Name<TEnum>(string[] names, int index, TEnum value) where TEnum : struct, Enum =>
        (uint)index < (uint)names.Length ? names[index] : value.ToString();
}
