namespace SensorStream.EmbeddedBroker.Storage;

/// <summary>Small-file writes that are all-or-nothing across a crash: write a temp file, fsync it, rename over.</summary>
internal static class DurableFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        FsyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Makes a rename or create in <paramref name="directory"/> durable (POSIX needs the directory fsynced).</summary>
    public static void FsyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        // .NET cannot open a directory as a file handle, so ask libc directly.
        var fd = NativeMethods.Open(directory, NativeMethods.ReadOnlyDirectory);
        if (fd < 0)
        {
            return;
        }
        _ = NativeMethods.Fsync(fd);
        _ = NativeMethods.Close(fd);
    }
}
