using System.Collections.Concurrent;
using Confluent.Kafka;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Parsing;
using SensorStream.Contracts.Avro.Resolution;
using SensorStream.Contracts.Avro.Schemas;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.SchemaRegistry;

namespace SensorStream.Contracts.WireFormat;

/// <summary>
/// Deserializes Confluent wire-format events for Confluent.Kafka consumers. The writer schema is fetched by id once and
/// cached; data written with the event's own schema decodes directly, data written with another version goes through a
/// resolving decoder built once per schema id. A malformed payload throws <see cref="AvroDecodeException"/> with a reason
/// (route it to the DLQ); a registry outage throws <see cref="SchemaRegistryException"/> or an HTTP error (retry it).
/// </summary>
/// <typeparam name="T">An event type with a hand-written codec.</typeparam>
public sealed class AvroDeserializer<T> : IAsyncDeserializer<T>, IDeserializer<T>
    where T : class, IAvroEvent<T>
{
    private readonly ISchemaRegistryClient _registry;
    private readonly ConcurrentDictionary<int, ResolvingDecoder?> _decoders = new();

    /// <summary>Creates the deserializer.</summary>
    public AvroDeserializer(ISchemaRegistryClient registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    /// <inheritdoc/>
    public async Task<T> DeserializeAsync(ReadOnlyMemory<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            return null!;
        }
        var schemaId = ConfluentWireFormat.ReadHeader(data.Span, out _);
        if (!_decoders.TryGetValue(schemaId, out var decoder))
        {
            decoder = await LoadDecoderAsync(schemaId).ConfigureAwait(false);
        }
        // A span cannot live across the await, so the body is sliced again here.
        return Decode(data.Span[ConfluentWireFormat.HeaderSize..], decoder);
    }

    /// <inheritdoc/>
    public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            return null!;
        }
        var schemaId = ConfluentWireFormat.ReadHeader(data, out var body);
        if (!_decoders.TryGetValue(schemaId, out var decoder))
        {
            // Only the first message of each writer schema waits for the registry.
            decoder = LoadDecoderAsync(schemaId).GetAwaiter().GetResult();
        }
        return Decode(body, decoder);
    }

    private static T Decode(ReadOnlySpan<byte> body, ResolvingDecoder? resolving)
    {
        if (resolving is null)
        {
            var reader = new AvroReader(body);
            var value = T.Decode(ref reader);
            reader.EnsureEnd();
            return value;
        }
        var rewritten = new AvroWriter(Math.Max(256, body.Length * 2));
        try
        {
            resolving.Transcode(body, ref rewritten);
            var reader = new AvroReader(rewritten.WrittenSpan);
            var value = T.Decode(ref reader);
            reader.EnsureEnd();
            return value;
        }
        finally
        {
            rewritten.Dispose();
        }
    }

    /// <summary>Null when the writer schema is the event's own (no resolution needed).</summary>
    private async Task<ResolvingDecoder?> LoadDecoderAsync(int schemaId)
    {
        string text;
        try
        {
            text = await _registry.GetSchemaAsync(schemaId).ConfigureAwait(false);
        }
        catch (SchemaRegistryException e) when (e.ErrorCode == SchemaRegistryErrorCodes.SchemaNotFound)
        {
            throw new AvroDecodeException(AvroDecodeError.UnknownSchemaId, $"schema id {schemaId} is not in the registry", 1, e);
        }
        AvroSchema writer;
        try
        {
            writer = AvroSchema.Parse(text);
        }
        catch (AvroSchemaException e)
        {
            throw new AvroDecodeException(AvroDecodeError.IncompatibleSchema, $"schema id {schemaId} is not a valid Avro schema: {e.Message}", 1, e);
        }
        var decoder = writer.Fingerprint == T.Schema.Fingerprint ? null : new ResolvingDecoder(writer, T.Schema);
        _decoders.TryAdd(schemaId, decoder);
        return decoder;
    }
}
