using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SensorStream.ServiceDefaults.Hosting;

/// <summary><c>/health</c> as JSON: the overall status, why, and every role's state (HTTP 503 unless every role runs).</summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            description = report.Entries.Values.Select(e => e.Description).FirstOrDefault(),
            roles = report.Entries.Values.SelectMany(e => e.Data).ToDictionary(d => d.Key, d => d.Value),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
