using Microsoft.Win32.SafeHandles;

namespace FineTuning.Toolkit.Comparison.Results;

/// <summary>
/// A scratch file that leaves nothing behind: on Unix its name is removed as soon as it is open (the data lives until the
/// handle closes), on Windows it is opened delete-on-close; either way the operating system reclaims it when the handle
/// closes, also when the process ends without disposing.
/// </summary>
internal static class AnonymousFile
{
    /// <summary>Creates and opens a scratch file for reading and writing in <paramref name="directory"/> (the temporary folder by default).</summary>
    public static SafeFileHandle Create(string prefix, string? directory)
    {
        directory ??= Path.GetTempPath();
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{prefix}-{Guid.NewGuid():N}.tmp");
        var windows = OperatingSystem.IsWindows();
        var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete, windows ? FileOptions.DeleteOnClose : FileOptions.None);
        if (!windows)
        {
            File.Delete(path);
        }

        return file;
    }

    /// <summary>Reads exactly <paramref name="length"/> bytes at <paramref name="offset"/>.</summary>
    /// <param name="file">The file.</param>
    /// <param name="offset">Where to read.</param>
    /// <param name="length">How many bytes.</param>
    /// <param name="name">What the file is, for the error when it is shorter than that.</param>
    public static byte[] Read(SafeFileHandle file, long offset, int length, string name = "A scratch file of the comparison")
    {
        var bytes = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = RandomAccess.Read(file, bytes.AsSpan(read), offset + read);
            if (n == 0)
            {
                throw new IOException(name + " was truncated.");
            }

            read += n;
        }

        return bytes;
    }
}
