using Microsoft.Extensions.Configuration;

namespace SensorStream.ServiceDefaults.Configuration;

/// <summary>
/// The configuration layers every SensorStream command uses, lowest precedence first: built-in defaults
/// (the options classes), <c>appsettings.json</c> next to the executable, <c>appsettings.json</c> in the
/// working directory (or the file given with <c>--config</c>), environment variables prefixed
/// <c>SENSORSTREAM_</c> (e.g. <c>SENSORSTREAM_Broker__Port=9093</c>), then command-line flags.
/// </summary>
public static class SensorStreamConfiguration
{
    /// <summary>Prefix of environment variables read as configuration (<c>__</c> separates sections).</summary>
    public const string EnvironmentPrefix = "SENSORSTREAM_";

    /// <summary>Builds the layered configuration; <paramref name="flagOverrides"/> are keys like <c>Broker:Port</c>.</summary>
    /// <exception cref="FileNotFoundException">An explicit <paramref name="configFile"/> does not exist.</exception>
    public static IConfigurationRoot Build(IReadOnlyDictionary<string, string?> flagOverrides, string? configFile = null)
    {
        if (configFile is not null && !File.Exists(configFile))
        {
            throw new FileNotFoundException($"configuration file {Path.GetFullPath(configFile)} does not exist", configFile);
        }
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        builder = configFile is null
            ? builder.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false)
            : builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        return builder
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddInMemoryCollection(flagOverrides)
            .Build();
    }

    /// <summary>
    /// Binds a section into a new <typeparamref name="T"/>: defaults are kept where the configuration is silent, and a
    /// configured list replaces the default list rather than being appended to it.
    /// </summary>
    /// <exception cref="InvalidOperationException">A value cannot be converted to its property's type (the message names it).</exception>
    public static T Bind<T>(IConfiguration configuration, string section) where T : new()
    {
        var options = new T();
        BindInto(options, configuration, section);
        return options;
    }

    /// <summary>Binds a section into <paramref name="options"/> with the same rules as <see cref="Bind{T}"/>.</summary>
    /// <exception cref="InvalidOperationException">A value cannot be converted, or a key matches no setting (the message names it).</exception>
    public static void BindInto(object options, IConfiguration configuration, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        ConfiguredLists.Reset(options, configuration.GetSection(section));
        configuration.GetSection(section).Bind(options, o => o.ErrorOnUnknownConfiguration = true);
    }
}
