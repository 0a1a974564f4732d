namespace SensorStream.Storage.Queries;

/// <summary>A query parameter that cannot be used, naming the parameter (LiveHub answers it with a 400 Problem Details).</summary>
public sealed class InvalidQueryException(string parameter, string message) : ArgumentException(message, parameter)
{
    /// <summary>The parameter's name as the caller passed it (e.g. <c>start_date</c>).</summary>
    public string Parameter { get; } = parameter;
}
