using System.Collections.Concurrent;
using System.Numerics;
using Confluent.Kafka;
using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Events;
using SensorStream.Contracts.SchemaRegistry;

namespace SensorStream.Contracts.WireFormat;

/// <summary>
/// Serializes events in the Confluent wire format for Confluent.Kafka producers. The schema id per subject is resolved once
/// (registered or looked up) and cached; after that an encode allocates only the returned array. Null values serialize to
/// null (tombstones).
/// </summary>
/// <typeparam name="T">An event type with a hand-written codec.</typeparam>
public sealed class AvroSerializer<T> : IAsyncSerializer<T>, ISerializer<T>
    where T : class, IAvroEvent<T>
{
    [ThreadStatic]
    private static byte[]? t_scratch;

    private readonly ISchemaRegistryClient _registry;
    private readonly AvroSerializerConfig _config;
    // Keyed by topic (one map per component) so the hot path does not build the subject string.
    private readonly ConcurrentDictionary<string, int> _valueIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _keyIds = new(StringComparer.Ordinal);
    private readonly string _schemaText = T.Schema.ToJson();
    private readonly string _recordName = (T.Schema as Avro.Schemas.NamedSchema)?.FullName ?? typeof(T).Name;

    /// <summary>Creates the serializer.</summary>
    public AvroSerializer(ISchemaRegistryClient registry, AvroSerializerConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _config = config ?? new AvroSerializerConfig();
    }

    /// <inheritdoc/>
    public async Task<byte[]> SerializeAsync(T data, SerializationContext context)
    {
        if (data is null)
        {
            return null!;
        }
        if (!Ids(context).TryGetValue(context.Topic, out var id))
        {
            id = await ResolveIdAsync(context).ConfigureAwait(false);
        }
        return Encode(id, data);
    }

    /// <inheritdoc/>
    public byte[] Serialize(T data, SerializationContext context)
    {
        if (data is null)
        {
            return null!;
        }
        if (!Ids(context).TryGetValue(context.Topic, out var id))
        {
            // Only the first message of a subject waits for the registry; producers call serializers on their own thread.
            id = ResolveIdAsync(context).GetAwaiter().GetResult();
        }
        return Encode(id, data);
    }

    /// <summary>Encodes <paramref name="data"/> with a known schema id (no registry call).</summary>
    public byte[] Encode(int schemaId, T data)
    {
        var scratch = t_scratch ??= new byte[Math.Max(_config.InitialBufferBytes, 64)];
        var writer = new AvroWriter(scratch);
        try
        {
            Span<byte> header = stackalloc byte[ConfluentWireFormat.HeaderSize];
            ConfluentWireFormat.WriteHeader(header, schemaId);
            writer.WriteFixed(header);
            T.Encode(ref writer, data);
            if (writer.Length > scratch.Length)
            {
                // Keep the larger size for this thread so events of this size stop renting from the pool.
                t_scratch = new byte[Math.Min(Array.MaxLength, (int)BitOperations.RoundUpToPowerOf2((uint)writer.Length))];
            }
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    private ConcurrentDictionary<string, int> Ids(SerializationContext context) =>
        context.Component == MessageComponentType.Key ? _keyIds : _valueIds;

    private async Task<int> ResolveIdAsync(SerializationContext context)
    {
        var subject = SubjectNames.For(_config.SubjectNameStrategy, context.Topic, context.Component == MessageComponentType.Key, _recordName);
        var id = _config.AutoRegisterSchemas
            ? await _registry.RegisterSchemaAsync(subject, _schemaText).ConfigureAwait(false)
            : (await _registry.LookupSchemaAsync(subject, _schemaText).ConfigureAwait(false)).Id;
        Ids(context)[context.Topic] = id;
        return id;
    }
}
