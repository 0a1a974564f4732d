using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SensorStream.Benchmarks;

/// <summary>
/// <c>sensorstream broker</c> in a process of its own, for benchmarks whose memory figures must not include the
/// broker's (its log, indexes and buffers would otherwise sit on the same managed heap).
/// </summary>
internal sealed class BrokerChildProcess : IDisposable
{
    private readonly Process _process;

    private BrokerChildProcess(Process process, int port, int httpPort)
    {
        _process = process;
        BootstrapServers = $"127.0.0.1:{port}";
        SchemaRegistryUrl = new Uri($"http://127.0.0.1:{httpPort}");
    }

    public string BootstrapServers { get; }

    public Uri SchemaRegistryUrl { get; }

    /// <summary>Starts the broker on free ports over <paramref name="dataDir"/> and waits until it says it is ready (at most 60 s).</summary>
    public static async Task<BrokerChildProcess> StartAsync(string dataDir)
    {
        var (port, httpPort) = (FreePort(), FreePort());
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "sensorstream.dll"), "broker", "--port", Text(port), "--http-port", Text(httpPort), "--data-dir", dataDir, "--log-level", "Warning" })
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the broker process");
        var broker = new BrokerChildProcess(process, port, httpPort);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("broker ready", StringComparison.OrdinalIgnoreCase) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"broker: {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60))).ConfigureAwait(false) != ready.Task)
        {
            broker.Dispose();
            throw new InvalidOperationException("the broker process did not become ready");
        }
        return broker;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
