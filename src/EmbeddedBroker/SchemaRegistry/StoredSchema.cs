using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.EmbeddedBroker.SchemaRegistry;

/// <summary>A schema under its global id: the stored text (compact, every attribute kept) and its parsed form.</summary>
internal sealed record StoredSchema(int Id, string Text, AvroSchema Parsed);
