using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SensorStream.ServiceDefaults.Metrics;

/// <summary>Maps the Prometheus scrape endpoint.</summary>
public static class MetricsEndpointExtensions
{
    /// <summary>Serves <paramref name="exporter"/>'s text at <paramref name="path"/> (default <c>/metrics</c>).</summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, PrometheusExporter exporter, string path = "/metrics") =>
        endpoints.MapGet(path, () => Results.Text(exporter.Render(), PrometheusExporter.ContentType));
}
