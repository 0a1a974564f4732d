using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SensorStream.ServiceDefaults.Configuration;

namespace SensorStream.ServiceDefaults.Hosting;

/// <summary>Options bound once from the layered configuration and validated when the host starts.</summary>
public static class SensorStreamOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from <paramref name="section"/> (configured lists replace defaults, unknown keys are
    /// errors), validates its data annotations and <paramref name="problems"/> at start (<c>ValidateOnStart</c>).
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section, Func<T, IEnumerable<string>>? problems = null)
        where T : class
    {
        var builder = services.AddOptions<T>()
            .Configure<IConfiguration>((options, configuration) => SensorStreamConfiguration.BindInto(options, configuration, section))
            .Validate(options => Validator.TryValidateObject(options, new ValidationContext(options), null, validateAllProperties: true),
                $"{section}: a required setting is missing or empty")
            .ValidateOnStart();
        if (problems is not null)
        {
            services.AddSingleton<IValidateOptions<T>>(new ProblemsValidator<T>(problems));
        }
        return builder;
    }
}
