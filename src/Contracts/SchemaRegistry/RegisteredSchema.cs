namespace SensorStream.Contracts.SchemaRegistry;

/// <summary>One version of a subject in the registry.</summary>
/// <param name="Subject">The subject, e.g. <c>sensors.environment-value</c>.</param>
/// <param name="Version">The version within the subject, from 1.</param>
/// <param name="Id">The global schema id (the one in the wire-format header).</param>
/// <param name="Schema">The schema text.</param>
/// <param name="SchemaType">The schema type; always <c>AVRO</c> for SensorStream.</param>
public sealed record RegisteredSchema(string Subject, int Version, int Id, string Schema, string SchemaType = "AVRO");
