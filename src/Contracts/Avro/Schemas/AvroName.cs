namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>The name of a named type (record, enum, fixed): a simple name and an optional namespace.</summary>
/// <param name="Name">The simple name, without namespace.</param>
/// <param name="Namespace">The namespace, or <see langword="null"/> for the null namespace.</param>
public sealed record AvroName(string Name, string? Namespace)
{
    /// <summary>The full name: <c>namespace.name</c>, or the simple name in the null namespace.</summary>
    public string FullName { get; } = string.IsNullOrEmpty(Namespace) ? Name : $"{Namespace}.{Name}";

    /// <inheritdoc/>
    public override string ToString() => FullName;
}
