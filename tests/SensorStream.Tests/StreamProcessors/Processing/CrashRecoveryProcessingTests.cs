using System.Diagnostics;
using System.Globalization;
using System.Text;
using SensorStream.Contracts;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.StreamProcessors.Processing;

/// <summary>kill -9 of <c>sensorstream process</c> mid-stream: after a restart the final windows equal an uninterrupted run's.</summary>
public sealed class CrashRecoveryProcessingTests : IDisposable
{
    private readonly TempDirectory _files = new("processing-crash");

    private string WriteFastSettings()
    {
        var path = _files.Sub("appsettings.json");
        File.WriteAllText(path, """
            {
              "Processors": {
                "GroupPrefix": "crash-test",
                "Host": { "CommitInterval": "00:00:00.300", "TickInterval": "00:00:00.200", "SessionTimeout": "00:00:06" },
                "Environment": {
                  "Windows": [ "1m" ],
                  "RollupHeartbeat": "00:00:00.500",
                  "Windowing": { "OutOfOrderness": "00:00:35", "AllowedLateness": "00:00:30", "LateRetention": "00:02:00", "IdleTimeout": "00:00:01" }
                }
              }
            }
            """);
        return path;
    }

    private Process StartProcessing(TestBroker broker, string settings, StringBuilder log)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "sensorstream.dll"), "process", "--config", settings,
                     "--bootstrap", broker.BootstrapServers, "--registry", broker.Broker.SchemaRegistryUrl!.ToString() })
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    [Fact]
    public async Task KillDashNine_MidStream_ThenRestart_GivesTheFinalWindowsOfAnUninterruptedRun()
    {
        var (data, flush) = EnvironmentExpectations.Readings(seed: 44, minutes: 10);
        var expected = EnvironmentExpectations.Windows(data.Select(d => d.Value));
        var settings = WriteFastSettings();
        var log = new StringBuilder();

        await using var uninterruptedBroker = await TestBroker.StartAsync();
        ProcessingHarness.Publish(uninterruptedBroker, Topics.SensorsEnvironment, data.Concat(flush));
        using (var uninterrupted = StartProcessing(uninterruptedBroker, settings, log))
        {
            await ProcessingHarness.WaitForWindowsAsync(uninterruptedBroker, expected.Count, TimeSpan.FromSeconds(120));
            uninterrupted.Kill(entireProcessTree: true);
        }
        var reference = ProcessingHarness.FinalWindows(uninterruptedBroker);

        await using var crashedBroker = await TestBroker.StartAsync();
        ProcessingHarness.Publish(crashedBroker, Topics.SensorsEnvironment, data.Take(data.Count / 2));
        using (var first = StartProcessing(crashedBroker, settings, log))
        {
            await TestTimeouts.WaitUntilAsync(() => ProcessingHarness.FinalWindows(crashedBroker).Count > expected.Count / 5, "a fifth of the windows are out", TimeSpan.FromSeconds(60));
            ProcessingHarness.Publish(crashedBroker, Topics.SensorsEnvironment, data.Skip(data.Count / 2));
            first.Kill(entireProcessTree: true); // SIGKILL: no revocation, no final commit
            await first.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }
        ProcessingHarness.Publish(crashedBroker, Topics.SensorsEnvironment, flush);
        // The killed member's session must expire before its partitions can be reassigned (6 s in these settings).
        using (var second = StartProcessing(crashedBroker, settings, log))
        {
            await ProcessingHarness.WaitForWindowsAsync(crashedBroker, expected.Count, TimeSpan.FromSeconds(120));
            second.Kill(entireProcessTree: true);
        }
        var recovered = ProcessingHarness.FinalWindows(crashedBroker);

        var mismatches = reference.Where(r => !recovered.TryGetValue(r.Key, out var w) || w != r.Value)
            .Select(r => $"{r.Key.Entity} {r.Key.Metric} {r.Key.Start:HH:mm}: {r.Value.Count}/{r.Value.Avg.ToString(CultureInfo.InvariantCulture)} vs {(recovered.TryGetValue(r.Key, out var w) ? $"{w.Count}/{w.Avg.ToString(CultureInfo.InvariantCulture)}" : "missing")}")
            .Take(10).ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches) + "\n" + log);
        Assert.Equal(reference.Count, recovered.Count);
        Assert.True(reference.Count >= expected.Count);
    }

    public void Dispose() => _files.Dispose();
}
