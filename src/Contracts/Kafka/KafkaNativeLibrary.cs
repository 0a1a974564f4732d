using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace SensorStream.Contracts.Kafka;

/// <summary>
/// Makes Confluent.Kafka load the librdkafka it bundles (librdkafka.redist) whatever the machine has installed.
/// Confluent.Kafka binds its native functions with <c>DllImport("librdkafka")</c>, and the runtime then asks the system
/// loader for <c>librdkafka.so</c> before the application's own copy: where Debian's <c>librdkafka-dev</c> is installed,
/// its 2.0.2 library is found first and calls into functions it lacks throw <see cref="EntryPointNotFoundException"/>.
/// <see cref="Library.Load(string)"/> cannot help on Debian 12 (it dlopens through a <c>libdl</c> name that does not exist
/// there), so a DllImport resolver on Confluent.Kafka's assembly points that one name at the bundled file instead.
/// </summary>
public static class KafkaNativeLibrary
{
    /// <summary>The librdkafka version this build bundles and every process must load.</summary>
    public const string BundledVersion = "2.16.0";

    private const string LibraryName = "librdkafka";
    private static readonly Lock Gate = new();
    private static string? _loadedFrom;

    /// <summary>Where the librdkafka in use was loaded from, or null before <see cref="UseBundled"/>.</summary>
    public static string? LoadedFrom
    {
        get
        {
            lock (Gate)
            {
                return _loadedFrom;
            }
        }
    }

    /// <summary>
    /// Installs the resolver (once per process; later calls do nothing) and returns the loaded librdkafka's version.
    /// Call it before anything else touches Confluent.Kafka: the first native call binds the library for good.
    /// </summary>
    /// <exception cref="DllNotFoundException">No bundled build loads here (a broken publish, or an unsupported platform).</exception>
    public static string UseBundled()
    {
        lock (Gate)
        {
            if (_loadedFrom is null)
            {
                var candidates = BundledCandidates().ToList();
                var (path, handle) = candidates
                    .Select(p => (Path: p, Handle: NativeLibrary.TryLoad(p, out var h) ? h : IntPtr.Zero))
                    .FirstOrDefault(c => c.Handle != IntPtr.Zero);
                if (path is null)
                {
                    throw new DllNotFoundException($"no bundled librdkafka ({BundledVersion}) loads here; tried {string.Join(", ", candidates)}" +
                        (candidates.Count == 0 ? $" (none under {AppContext.BaseDirectory}: publish with the librdkafka.redist package)" : string.Empty));
                }
                // Confluent.Kafka asks for "librdkafka" first and then its distribution-specific names; all mean this copy.
                NativeLibrary.SetDllImportResolver(typeof(Library).Assembly,
                    (name, _, _) => name.EndsWith(LibraryName, StringComparison.Ordinal) ? handle : IntPtr.Zero);
                _loadedFrom = path;
            }
        }
        return Library.VersionString;
    }

    /// <summary>
    /// The bundled builds that may suit this machine, best first. librdkafka.redist ships for glibc Linux a
    /// <c>librdkafka.so</c> linked against <c>libsasl2.so.3</c> (absent on Debian 12, which has .so.2) and a self-contained
    /// <c>centos8-librdkafka.so</c>, plus one for musl. They live under <c>runtimes/{rid}/native/</c> in a
    /// framework-dependent build and next to the application in a RID-specific publish; looked up beside the application
    /// and beside Confluent.Kafka's assembly (test hosts).
    /// </summary>
    private static IEnumerable<string> BundledCandidates()
    {
        string[] names = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ["librdkafka.dll"]
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? ["librdkafka.dylib"]
            : ["librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so"];
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win" : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx" : "linux";
        var rid = $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        var roots = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(Library).Assembly.Location) }
            .Where(r => !string.IsNullOrEmpty(r)).Select(r => r!).Distinct();
        return roots
            .SelectMany(root => new[] { Path.Combine(root, "runtimes", rid, "native"), root })
            .SelectMany(directory => names.Select(name => Path.Combine(directory, name)))
            .Where(File.Exists);
    }

    /// <summary>The version of the loaded library as Confluent.Kafka reports it (for start-up logs).</summary>
    public static string Describe() => $"librdkafka {Library.VersionString} ({LoadedFrom ?? "system loader"})";
}
