using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SensorStream.ServiceDefaults.Hosting;

/// <summary>
/// <c>/health</c> as JSON: the overall status, why (every check that is not healthy), every role's state, and each
/// check's own status (HTTP 503 unless every role runs; a Degraded check such as failing storage jobs keeps 200).
/// </summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            description = report.Status == HealthStatus.Healthy
                ? report.Entries.Values.Select(e => e.Description).FirstOrDefault()
                : string.Join("; ", report.Entries.Values.Where(e => e.Status != HealthStatus.Healthy).Select(e => e.Description)),
            roles = report.Entries.TryGetValue("roles", out var roles) ? roles.Data.ToDictionary(d => d.Key, d => d.Value) : [],
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
