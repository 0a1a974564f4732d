namespace SensorStream.Contracts.WireFormat;

/// <summary>How a serializer names the registry subject it registers under; the same three strategies as Confluent's serializers.</summary>
public enum SubjectNameStrategy
{
    /// <summary><c>&lt;topic&gt;-value</c> / <c>&lt;topic&gt;-key</c>: one schema lineage per topic (the default, and SensorStream's convention).</summary>
    Topic,

    /// <summary>The record's full name: one lineage per type, across topics.</summary>
    Record,

    /// <summary><c>&lt;topic&gt;-&lt;record full name&gt;</c>: one lineage per type per topic.</summary>
    TopicRecord,
}
