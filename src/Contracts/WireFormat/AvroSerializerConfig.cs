namespace SensorStream.Contracts.WireFormat;

/// <summary>Options of <see cref="AvroSerializer{T}"/>.</summary>
public sealed class AvroSerializerConfig
{
    /// <summary>
    /// Register the event's schema on first use (subject to the subject's compatibility level). When false, the schema must
    /// already be registered and is only looked up. Default true.
    /// </summary>
    public bool AutoRegisterSchemas { get; set; } = true;

    /// <summary>How subjects are named. Default <see cref="SubjectNameStrategy.Topic"/>.</summary>
    public SubjectNameStrategy SubjectNameStrategy { get; set; } = SubjectNameStrategy.Topic;

    /// <summary>Bytes of the per-thread scratch buffer an encode starts in; larger events grow into pooled arrays. Default 1024.</summary>
    public int InitialBufferBytes { get; set; } = 1024;
}
