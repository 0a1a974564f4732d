namespace SensorStream.EmbeddedBroker.SchemaRegistry;

/// <summary>One version of a subject; soft-deleted versions stay (hidden) until permanently deleted, as in Confluent's registry.</summary>
internal sealed class SubjectVersion(int version, int schemaId)
{
    public int Version { get; } = version;

    public int SchemaId { get; } = schemaId;

    public bool Deleted { get; set; }
}
