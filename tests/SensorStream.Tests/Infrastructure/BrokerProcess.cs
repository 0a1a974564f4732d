using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SensorStream.Tests.Infrastructure;

/// <summary>
/// The broker as a separate operating-system process (<c>sensorstream broker</c>), so tests can kill -9 it
/// and start it again on the same port and data directory.
/// </summary>
public sealed class BrokerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BrokerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string BootstrapServers => $"127.0.0.1:{Port}";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<BrokerProcess> StartAsync(string dataDir, int port, params string[] extraArguments)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "sensorstream.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { cli, "broker", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--http-port", "-1", "--data-dir", dataDir }.Concat(extraArguments))
        {
            info.ArgumentList.Add(argument);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the broker process");
        var broker = new BrokerProcess(process, port);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (broker._output)
            {
                broker._output.AppendLine(line);
            }
            if (line.Contains("broker ready", StringComparison.OrdinalIgnoreCase))
            {
                ready.TrySetResult();
            }
        }
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(TestTimeouts.Default)) != ready.Task)
        {
            broker.Dispose();
            Assert.Fail($"broker process did not become ready:\n{broker.Output}");
        }
        return broker;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }
        _process.Dispose();
    }
}
