using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace SensorStream.ServiceDefaults.Configuration;

/// <summary>
/// The configuration binder adds configured list items to a list's default items (<c>Windows:0=5m</c> on a default of
/// <c>["1m", "1h"]</c> gives three windows), which no user means. Before binding, this empties every list or array
/// property (at any depth of the options object) that the configuration sets, so configured lists replace defaults.
/// Dictionaries keep merging: configuring one key should not drop the others.
/// </summary>
internal static class ConfiguredLists
{
    public static void Reset(object options, IConfiguration section)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanRead || property.GetIndexParameters().Length > 0)
            {
                continue;
            }
            var configured = section.GetSection(property.Name);
            if (!configured.GetChildren().Any())
            {
                continue;
            }
            var type = property.PropertyType;
            if (type.IsArray && property.CanWrite)
            {
                property.SetValue(options, Array.CreateInstance(type.GetElementType()!, 0));
            }
            else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) && property.GetValue(options) is IList list)
            {
                list.Clear();
            }
            else if (type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && property.GetValue(options) is { } nested)
            {
                Reset(nested, configured);
            }
        }
    }
}
