namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>Kafka's rules for topic names: 1–249 characters of <c>[a-zA-Z0-9._-]</c>, not "." or "..".</summary>
internal static class TopicNames
{
    public const int MaxLength = 249;

    /// <summary>Returns why <paramref name="name"/> is not a legal topic name, or null when it is.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "topic name is empty";
        }
        if (name.Length > MaxLength)
        {
            return $"topic name is longer than {MaxLength} characters";
        }
        if (name is "." or "..")
        {
            return "topic name cannot be '.' or '..'";
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return $"topic name '{name}' contains '{c}'; only ASCII letters, digits, '.', '_' and '-' are allowed";
            }
        }
        return null;
    }
}
