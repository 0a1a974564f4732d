using System.ComponentModel;
using System.Diagnostics;

namespace SensorStream.Tests.Peers;

/// <summary>
/// Runs a peer program (Python, Node) with a bounded time: feeds stdin, returns stdout, and on failure shows the peer's
/// stderr. A missing program fails the test with how to install it; it never skips.
/// </summary>
internal static class PeerProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(45);

    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, string? stdin, CancellationToken cancellationToken,
        TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? PeerPaths.PeersDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"peer program '{program}' is missing ({e.Message}); ./sensorstream test installs the peers", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
            }
            process.StandardInput.Close();
            var limit = timeout ?? DefaultTimeout;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(limit);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {limit}");
            }
            var output = await stdout.WaitAsync(limit, cancellationToken);
            var error = await stderr.WaitAsync(limit, cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}\n--- stderr ---\n{error}\n--- stdout ---\n{Shorten(output)}");
            }
            return output;
        }
    }

    private static string Shorten(string text) => text.Length <= 4000 ? text : string.Concat(text.AsSpan(0, 4000), "…");
}
