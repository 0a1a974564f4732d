using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using SensorStream.Contracts;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.Cli;

/// <summary><c>sensorstream up</c> as a user runs it: a separate process that comes up, produces, processes, writes the database, and stops cleanly on SIGTERM.</summary>
public sealed class UpCommandTests : IDisposable
{
    private readonly TempDirectory _data = new("up");

    [Fact]
    public async Task Up_StartsTheBrokerFeedsProcessorsDatabaseAndSink_AndStopsCleanlyOnSigterm()
    {
        var port = BrokerProcess.FreePort();
        var httpPort = BrokerProcess.FreePort();
        var dbPort = BrokerProcess.FreePort();
        var metricsPort = BrokerProcess.FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "sensorstream.dll"), "up", "--data-dir", _data.Path,
                     "--port", port.ToString(CultureInfo.InvariantCulture), "--http-port", httpPort.ToString(CultureInfo.InvariantCulture),
                     "--db-port", dbPort.ToString(CultureInfo.InvariantCulture), "--metrics-port", metricsPort.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string Output() { lock (output) { return output.ToString(); } }
        try
        {
            await TestTimeouts.WaitUntilAsync(() => Output().Contains("SensorStream is up", StringComparison.Ordinal), "the platform is up");
            var bootstrap = $"127.0.0.1:{port}";
            await TestTimeouts.WaitUntilAsync(() => TopicReader.ReadAll(bootstrap, Topics.SensorsVibration).Count >= 100
                && TopicReader.ReadAll(bootstrap, Topics.SensorsEnvironment).Count >= 20, "both sensor feeds have data", TimeSpan.FromSeconds(60));
            // The processors run too: 10 s vibration windows close within seconds of real time.
            await TestTimeouts.WaitUntilAsync(() => TopicReader.ReadAll(bootstrap, Topics.DiagnosesVibration).Count >= 20, "vibration diagnoses", TimeSpan.FromSeconds(90));
            using var http = new HttpClient();
            var subjects = await http.GetStringAsync($"http://127.0.0.1:{httpPort}/subjects", TestContext.Current.CancellationToken).DefaultTimeout();
            Assert.Contains("sensors.vibration-value", subjects);
            // Every role's meters on the platform's /metrics, and each role's state on /health.
            var metrics = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics", TestContext.Current.CancellationToken).DefaultTimeout();
            Assert.Contains("sensorstream_processor_records_total", metrics);
            var health = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/health", TestContext.Current.CancellationToken).DefaultTimeout();
            foreach (var role in new[] { "broker", "database", "processors", "sink", "feeds" })
            {
                Assert.Contains($"\"{role}\"", health);
            }
            Assert.Contains("\"Healthy\"", health);
            // The database's upkeep is a check of its own (Degraded while a TimescaleDB job or maintenance fails).
            Assert.Matches("\"storage\":\\{\"status\":\"Healthy\",\"description\":\"storage maintenance (ok|has not run)", health);
            // And the sink writes raw and derived data into the local PostgreSQL under the data directory.
            var database = $"Host=127.0.0.1;Port={dbPort};Username=postgres;Database=sensorstream;Pooling=false";
            await TestTimeouts.WaitUntilAsync(() => Count(database, "vibration_blocks") >= 100 && Count(database, "vibration_diagnoses") >= 10
                && Count(database, "environment_readings") >= 20, "raw and derived rows in PostgreSQL", TimeSpan.FromSeconds(60));
            var sinkMetrics = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics", TestContext.Current.CancellationToken).DefaultTimeout();
            Assert.Contains("sensorstream_sink_rows_total", sinkMetrics);

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill!.WaitForExitAsync(TestContext.Current.CancellationToken).DefaultTimeout();
            }
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.True(process.ExitCode == 0, Output());
            Assert.Contains("Broker stopped", Output());
            Assert.Contains("Processors stopped", Output());
            Assert.Contains("Sink stopped", Output());
            Assert.True(File.Exists(Path.Combine(_data.Path, "postgres", "data", "PG_VERSION")), "the database lives under the data directory");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static long Count(string connectionString, string table)
    {
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            return (long)command.ExecuteScalar()!;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return 0; // not up or not migrated yet
        }
    }

    public void Dispose() => _data.Dispose();
}
