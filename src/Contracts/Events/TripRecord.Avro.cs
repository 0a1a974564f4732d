using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Events;

public sealed partial record TripRecord : IAvroEvent<TripRecord>
{
    /// <summary>Digits of the money fields (<c>decimal(12, 2)</c> in the schema).</summary>
    public const int MoneyPrecision = 12;

    /// <summary>Decimals of the money fields.</summary>
    public const int MoneyScale = 2;

    /// <inheritdoc/>
    public static AvroSchema Schema { get; } = EventSchemas.Load(nameof(TripRecord));

    /// <inheritdoc/>
    public static void Encode(ref AvroWriter writer, TripRecord value)
    {
        writer.WriteString(value.TruckId);
        writer.WriteUuid(value.TripId);
        writer.WriteDate(value.TripDate);
        Optional.WriteDouble(ref writer, value.OdometerStartKm);
        Optional.WriteDouble(ref writer, value.OdometerEndKm);
        Optional.WriteDouble(ref writer, value.DistanceKm);
        Optional.WriteDouble(ref writer, value.FuelLitres);
        Optional.WriteDecimal(ref writer, value.FuelCost, MoneyPrecision, MoneyScale);
        Optional.WriteDecimal(ref writer, value.Toll, MoneyPrecision, MoneyScale);
        Optional.WriteDecimal(ref writer, value.Revenue, MoneyPrecision, MoneyScale);
        writer.WriteString(value.Origin);
        writer.WriteString(value.Destination);
        writer.WriteTimestampMicros(value.EnteredAt);
    }

    /// <inheritdoc/>
    public static TripRecord Decode(ref AvroReader reader) => new(
        reader.ReadString(),
        reader.ReadUuid(),
        reader.ReadDate(),
        Optional.ReadDouble(ref reader),
        Optional.ReadDouble(ref reader),
        Optional.ReadDouble(ref reader),
        Optional.ReadDouble(ref reader),
        Optional.ReadDecimal(ref reader, MoneyScale),
        Optional.ReadDecimal(ref reader, MoneyScale),
        Optional.ReadDecimal(ref reader, MoneyScale),
        reader.ReadString(),
        reader.ReadString(),
        reader.ReadTimestampMicros());
}
