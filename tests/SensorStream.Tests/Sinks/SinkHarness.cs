using SensorStream.Storage;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SensorStream.Contracts;
using SensorStream.Contracts.Kafka;
using SensorStream.ServiceDefaults.Logging;
using SensorStream.Sinks;
using SensorStream.Tests.Infrastructure;
using SensorStream.Tests.StreamProcessors.Processing;

namespace SensorStream.Tests.Sinks;

/// <summary>Runs <see cref="DatabaseSink"/> in-process against a test broker and a test database.</summary>
internal static class SinkHarness
{
    /// <summary>Small batches and short waits, so a test sees its rows quickly and outages are retried often.</summary>
    public static SinkOptions FastOptions(string connectionString, string group, StorageMode storage = StorageMode.Plain) => new()
    {
        ConnectionString = connectionString,
        GroupId = group,
        Storage = storage,
        MaxBatchRecords = 200,
        MaxBatchDelay = TimeSpan.FromMilliseconds(200),
        RetryInitialDelay = TimeSpan.FromMilliseconds(100),
        RetryMaxDelay = TimeSpan.FromSeconds(1),
        SessionTimeout = TimeSpan.FromSeconds(6),
    };

    public static async Task EnsureTopicsAsync(TestBroker broker) =>
        await TopicBootstrapper.EnsureAsync(ProcessingHarness.Kafka(broker), Topics.All).DefaultTimeout();

    /// <summary>Starts the sink; its log goes nowhere unless SINK_TEST_LOG is set (then to the console, for running one test by hand).</summary>
    public static RunningSink Start(TestBroker broker, SinkOptions options) => Start(ProcessingHarness.Kafka(broker), options);

    /// <summary>Starts the sink against <paramref name="kafka"/> (e.g. a registry behind a proxy).</summary>
    public static RunningSink Start(KafkaOptions kafka, SinkOptions options)
    {
        var meter = new Meter("test-sink-" + Guid.NewGuid());
        var loggers = Environment.GetEnvironmentVariable("SINK_TEST_LOG") is null ? NullLoggerFactory.Instance : ConsoleLogging.Create(LogLevel.Debug);
        var sink = new DatabaseSink(kafka, options, loggers, meter);
        var stop = new CancellationTokenSource();
        var run = sink.RunAsync(stop.Token);
        return new RunningSink(sink, meter, loggers, stop, run);
    }

    /// <summary>Polls an asynchronous condition until it holds or the deadline passes (then fails saying what it waited for and what it saw last).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<Task<string>> describe, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds} s waiting until {what}; last seen: {await describe()}");
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    internal sealed class RunningSink(DatabaseSink sink, Meter meter, ILoggerFactory loggers, CancellationTokenSource stop, Task run) : IAsyncDisposable
    {
        public DatabaseSink Sink => sink;

        public Task Run => run;

        /// <summary>Fails the test at once if the sink stopped by itself (it should run until disposed).</summary>
        public void AssertRunning()
        {
            if (run.IsFaulted)
            {
                Assert.Fail($"the sink stopped: {run.Exception}");
            }
        }

        /// <summary>Waits until the sink has migrated its database (its tables exist).</summary>
        public Task WaitUntilMigratedAsync() => TestTimeouts.WaitUntilAsync(() =>
        {
            AssertRunning();
            return sink.Path is not null;
        }, "the sink has migrated its database");

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            try
            {
                await run.WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (OperationCanceledException)
            {
                // Stopped before it got going (e.g. the test failed early): nothing to report beyond the test's own failure.
            }
            finally
            {
                sink.Dispose();
                meter.Dispose();
                loggers.Dispose();
                stop.Dispose();
            }
        }
    }
}
