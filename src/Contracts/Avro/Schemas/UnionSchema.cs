namespace SensorStream.Contracts.Avro.Schemas;

/// <summary>A union: a value of exactly one of the branch schemas.</summary>
public sealed class UnionSchema : AvroSchema
{
    internal UnionSchema(IReadOnlyList<AvroSchema> branches)
        : base([])
    {
        Branches = branches;
    }

    /// <inheritdoc/>
    public override AvroType Type => AvroType.Union;

    /// <summary>The branches; a value is encoded as its branch index then the value.</summary>
    public IReadOnlyList<AvroSchema> Branches { get; }

    /// <summary>The index of the <c>null</c> branch, or -1.</summary>
    public int NullIndex
    {
        get
        {
            for (var i = 0; i < Branches.Count; i++)
            {
                if (Branches[i].Type == AvroType.Null)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
