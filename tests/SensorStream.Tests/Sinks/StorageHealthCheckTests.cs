using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using SensorStream.Contracts.Kafka;
using SensorStream.Sinks;
using SensorStream.Sinks.Hosting;

namespace SensorStream.Tests.Sinks;

public sealed class StorageHealthCheckTests
{
    [Fact]
    public async Task FailingMaintenance_IsDegraded_NamingWhy_ThenHealthyAgainAfterASuccessfulRun()
    {
        using var meter = new Meter("storage-health-" + Guid.NewGuid());
        using var sink = new DatabaseSink(new KafkaOptions(), new SinkOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=u;Database=d" },
            NullLoggerFactory.Instance, meter);
        var check = new StorageHealthCheck(sink);

        var before = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
        sink.StorageHealth.RecordFailure("permission denied for table trips", DateTimeOffset.UtcNow);
        var failing = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
        sink.StorageHealth.Record(new SensorStream.Storage.Maintenance.StorageMaintenanceReport(0, 0, []), DateTimeOffset.UtcNow);
        var after = await check.CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, before.Status);
        Assert.Equal(HealthStatus.Degraded, failing.Status);
        Assert.Contains("permission denied for table trips", failing.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, after.Status);
    }
}
