namespace SensorStream.Contracts.WireFormat;

/// <summary>Applies a <see cref="SubjectNameStrategy"/>.</summary>
public static class SubjectNames
{
    /// <summary>The subject for a key or value of <paramref name="recordFullName"/> on <paramref name="topic"/>.</summary>
    public static string For(SubjectNameStrategy strategy, string topic, bool isKey, string recordFullName) => strategy switch
    {
        SubjectNameStrategy.Topic => isKey ? Topics.KeySubject(topic) : Topics.ValueSubject(topic),
        SubjectNameStrategy.Record => recordFullName,
        SubjectNameStrategy.TopicRecord => $"{topic}-{recordFullName}",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null),
    };
}
