using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Events;

/// <summary>Loads the event schemas compiled into this assembly from <c>schemas/*.avsc</c>.</summary>
internal static class EventSchemas
{
    public static AvroSchema Load(string name)
    {
        var resource = $"SensorStream.Contracts.Schemas.{name}.avsc";
        using var stream = typeof(EventSchemas).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"schema resource {resource} is not embedded in {typeof(EventSchemas).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return AvroSchema.Parse(reader.ReadToEnd());
    }
}
