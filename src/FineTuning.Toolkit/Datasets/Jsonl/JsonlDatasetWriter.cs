using System.Buffers;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>Writes examples as JSONL: one compact object per line, UTF-8 without BOM, <c>\n</c> line ends, streamed.</summary>
internal static class JsonlDatasetWriter
{
    private const int FlushThreshold = 64 * 1024;

    /// <summary>Writes the examples to a file: to a temporary file next to it first, then moved over it.</summary>
    /// <param name="examples">The examples.</param>
    /// <param name="path">The file.</param>
    /// <param name="includeMetadata">Whether to write the toolkit's metadata key.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <param name="decorate">A seam for tests: wraps the temporary file's stream.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public static async Task WriteFileAsync(
        IEnumerable<DatasetExample> examples, string path, bool includeMetadata, CancellationToken cancellationToken, Func<Stream, Stream>? decorate = null)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await WriteAsync(examples, decorate is null ? file : decorate(file), includeMetadata, cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes the examples to a stream in chunks of about 64 KiB, then flushes it (the stream stays open).</summary>
    public static async Task WriteAsync(IEnumerable<DatasetExample> examples, Stream stream, bool includeMetadata, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold * 2);
        using var writer = new Utf8JsonWriter(buffer, JsonlExampleWriter.WriterOptions);
        foreach (var example in examples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WriteLine(writer, buffer, example, includeMetadata);
            if (buffer.WrittenCount >= FlushThreshold)
            {
                await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
                buffer.ResetWrittenCount();
            }
        }

        if (buffer.WrittenCount > 0)
        {
            await stream.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the examples as JSONL text.</summary>
    public static string ToJsonl(IEnumerable<DatasetExample> examples, bool includeMetadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonlExampleWriter.WriterOptions))
        {
            foreach (var example in examples)
            {
                WriteLine(writer, buffer, example, includeMetadata);
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteLine(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, DatasetExample example, bool includeMetadata)
    {
        JsonlExampleWriter.Write(writer, example, includeMetadata);
        writer.Flush();
        writer.Reset();
        buffer.Write("\n"u8);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
