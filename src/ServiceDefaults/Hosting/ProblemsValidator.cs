using Microsoft.Extensions.Options;

namespace SensorStream.ServiceDefaults.Hosting;

/// <summary>Validates options with their own <c>Validate()</c>/<c>Problems()</c> method, so a host refuses to start with every problem listed.</summary>
public sealed class ProblemsValidator<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var found = problems(options).ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
