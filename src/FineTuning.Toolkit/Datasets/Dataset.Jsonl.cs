using System.Buffers;
using System.Text.Json;
using FineTuning.Toolkit.Internal;

namespace FineTuning.Toolkit.Datasets;

/// <content>Writing a dataset as JSONL.</content>
public sealed partial class Dataset
{
    private const int FlushThreshold = 64 * 1024;

    /// <summary>
    /// Writes the dataset as JSONL to a file, atomically: the data goes to a temporary file in the same directory that then
    /// replaces <paramref name="path"/>, so a cancelled or failed write leaves any previous file intact and no partial file behind.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults (no toolkit metadata).</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <remarks>One example per line, UTF-8 without byte order mark, <c>\n</c> line endings, non-ASCII text (emoji included)
    /// written as UTF-8 rather than escaped.</remarks>
    public Task WriteJsonlAsync(string path, JsonlWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return WriteJsonlFileAsync(path, options, static s => s, cancellationToken);
    }

    /// <summary>Writes the dataset as JSONL to a stream, which is left open.</summary>
    /// <param name="stream">The stream to write to.</param>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults (no toolkit metadata).</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>A task that completes when everything is written and flushed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public Task WriteJsonlAsync(Stream stream, JsonlWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return WriteJsonlStreamAsync(stream, options ?? JsonlWriterOptions.Default, cancellationToken);
    }

    /// <summary>Writes the dataset as JSONL and returns the text (for small datasets, tests and previews).</summary>
    /// <param name="options">Writer options; <see langword="null"/> for the defaults.</param>
    /// <returns>The JSONL text, each line ending with <c>\n</c>.</returns>
    public string ToJsonl(JsonlWriterOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonlExampleWriter.WriterOptions))
        {
            foreach (var example in _examples)
            {
                JsonlExampleWriter.Write(writer, example, (options ?? JsonlWriterOptions.Default).IncludeMetadata);
                writer.Flush();
                writer.Reset();
                buffer.Write("\n"u8);
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The atomic file write, with a seam for tests to decorate the temporary file's stream.</summary>
    internal async Task WriteJsonlFileAsync(string path, JsonlWriterOptions? options, Func<Stream, Stream> decorate, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' has no directory.", nameof(path));
        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await WriteJsonlStreamAsync(decorate(file), options ?? JsonlWriterOptions.Default, cancellationToken).ConfigureAwait(false);
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

    private async Task WriteJsonlStreamAsync(Stream stream, JsonlWriterOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold * 2);
        using var writer = new Utf8JsonWriter(buffer, JsonlExampleWriter.WriterOptions);
        foreach (var example in _examples)
        {
            cancellationToken.ThrowIfCancellationRequested();
            JsonlExampleWriter.Write(writer, example, options.IncludeMetadata);
            writer.Flush();
            writer.Reset();
            buffer.Write("\n"u8);
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
