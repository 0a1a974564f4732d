using Confluent.Kafka;
using SensorStream.Contracts.Kafka;
using SensorStream.Tests.Infrastructure;

namespace SensorStream.Tests.Foundation;

public sealed class NativeKafkaLibraryTests
{
    [Fact]
    public void LibraryVersion_IsTheBundledOne_EvenWhereTheSystemHasAnother()
    {
        var version = Library.VersionString;

        Assert.Equal(KafkaNativeLibrary.BundledVersion, version);
        Assert.NotNull(KafkaNativeLibrary.LoadedFrom);
        Assert.StartsWith(AppContext.BaseDirectory, KafkaNativeLibrary.LoadedFrom, StringComparison.Ordinal);
    }

    [Fact]
    public void SystemLibrary_WhenInstalled_IsAnOlderOneThatWouldBreakTheClient()
    {
        // The trap this guards against: Debian's librdkafka-dev puts an unversioned 2.0.2 on the loader's path. This test
        // documents that the machine can have it; the test above proves it is not what the process uses.
        var system = new[] { "/lib/x86_64-linux-gnu/librdkafka.so", "/usr/lib/x86_64-linux-gnu/librdkafka.so" }.FirstOrDefault(File.Exists);
        Assert.True(system is null || !system.StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CliProcess_BindsTheBundledLibrdkafka()
    {
        // A separate process, started the way users start it: its own loader, its own resolution.
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sensorstream.dll"));
        info.ArgumentList.Add("--version");
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken).DefaultTimeout();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).DefaultTimeout();

        Assert.Equal(0, process.ExitCode);
        Assert.Contains($"librdkafka {KafkaNativeLibrary.BundledVersion} (", output, StringComparison.Ordinal);
    }
}
