using SensorStream.Contracts.Avro.Binary;
using SensorStream.Contracts.Avro.Schemas;

namespace SensorStream.Contracts.Events;

/// <summary>
/// An event type with a hand-written Avro codec for its schema in <c>schemas/</c>: no reflection per message. The wire-format
/// serializers work with any type implementing it.
/// </summary>
/// <typeparam name="TSelf">The event type itself.</typeparam>
public interface IAvroEvent<TSelf>
    where TSelf : IAvroEvent<TSelf>
{
    /// <summary>The event's schema, parsed from the embedded <c>.avsc</c> file.</summary>
    static abstract AvroSchema Schema { get; }

    /// <summary>Writes <paramref name="value"/> in Avro binary encoding of <see cref="Schema"/>.</summary>
    static abstract void Encode(ref AvroWriter writer, TSelf value);

    /// <summary>Reads a value encoded with exactly <see cref="Schema"/>.</summary>
    /// <exception cref="AvroDecodeException">The bytes are not a valid encoding.</exception>
    static abstract TSelf Decode(ref AvroReader reader);
}
