using System.Diagnostics.Metrics;
using SensorStream.Storage.Maintenance;

namespace SensorStream.Tests.Sinks;

public sealed class StorageHealthTests
{
    [Fact]
    public void FailingJobsAndMaintenanceFailures_ShowInHealthAndMetrics_UntilARunSucceeds()
    {
        using var meter = new Meter("storage-health-test-" + Guid.NewGuid());
        var health = new StorageHealth(meter);
        var gauges = new Dictionary<string, int>();
        using var listener = new MeterListener { InstrumentPublished = (instrument, l) => { if (instrument.Meter == meter) { l.EnableMeasurementEvents(instrument); } } };
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => gauges[instrument.Name] = value);
        listener.Start();
        var failing = new StorageJobFailure(1003, "policy_retention", "vibration_blocks", 4, 4, null, "cannot drop portal \"\" while it is being set up");

        Assert.Contains("has not run yet", health.Describe());
        health.Record(new StorageMaintenanceReport(0, 0, [failing]), DateTimeOffset.UtcNow);
        listener.RecordObservableInstruments();
        Assert.False(health.Healthy);
        Assert.Contains("job 1003 policy_retention on vibration_blocks: cannot drop portal", health.Describe());
        Assert.Equal(1, gauges["sensorstream.sink.storage_jobs_failing"]);

        health.RecordFailure("connection refused", DateTimeOffset.UtcNow);
        listener.RecordObservableInstruments();
        Assert.Contains("storage maintenance failing", health.Describe());
        Assert.Equal(1, gauges["sensorstream.sink.storage_maintenance_failing"]);

        health.Record(new StorageMaintenanceReport(2, 0, []), DateTimeOffset.UtcNow);
        listener.RecordObservableInstruments();
        Assert.True(health.Healthy);
        Assert.Equal((0, 0), (gauges["sensorstream.sink.storage_jobs_failing"], gauges["sensorstream.sink.storage_maintenance_failing"]));
    }
}
