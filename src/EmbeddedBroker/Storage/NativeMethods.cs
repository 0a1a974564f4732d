using System.Runtime.InteropServices;

namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>The few libc calls .NET does not expose: fsync of a directory.</summary>
internal static partial class NativeMethods
{
    /// <summary>O_RDONLY | O_DIRECTORY on Linux.</summary>
    public const int ReadOnlyDirectory = 0x10000;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    public static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int fd);
}
