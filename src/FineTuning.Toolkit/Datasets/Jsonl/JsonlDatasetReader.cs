using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>
/// Streams a JSONL training file as <see cref="JsonlRecord"/>s, one per line, in OpenAI's chat or preference (DPO) format.
/// </summary>
/// <remarks>
/// <para>Never throws for a bad line: a blank line, a line that is too long, invalid UTF-8, invalid or too deeply nested JSON,
/// a line that is not an object, or a field of the wrong type or value each yield an error record with the line number, and
/// reading goes on. Memory stays bounded by <see cref="JsonlReaderOptions.MaxLineBytes"/> whatever the file's size.
/// A UTF-8 byte order mark and <c>\r\n</c> line endings are accepted.</para>
/// <para>The key <see cref="JsonlExampleWriter.MetadataPropertyName"/>, when present, is read back into
/// <see cref="DatasetExample.Category"/> and <see cref="DatasetExample.Tags"/>; other unknown keys are ignored.</para>
/// </remarks>
internal static class JsonlDatasetReader
{
    /// <summary>Reads a JSONL file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">Limits; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token to stop reading.</param>
    /// <returns>One record per line, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <remarks>The file is opened when enumeration starts; a missing file then throws <see cref="FileNotFoundException"/>.</remarks>
    public static IAsyncEnumerable<JsonlRecord> ReadAsync(string path, JsonlReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadFileAsync(path, options ?? JsonlReaderOptions.Default, cancellationToken);
    }

    /// <summary>Reads JSONL from a stream, which is left open.</summary>
    /// <param name="stream">The stream, positioned at the start of the data.</param>
    /// <param name="options">Limits; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token to stop reading.</param>
    /// <returns>One record per line, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is <see langword="null"/>.</exception>
    public static IAsyncEnumerable<JsonlRecord> ReadAsync(Stream stream, JsonlReaderOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadStreamAsync(stream, options ?? JsonlReaderOptions.Default, leaveOpen: true, cancellationToken);
    }

    /// <summary>Parses one line of JSONL (UTF-8, without terminator) into a record.</summary>
    /// <param name="line">The line's bytes.</param>
    /// <param name="lineNumber">The 1-based line number reported in the record and its messages.</param>
    /// <param name="options">Limits; <see langword="null"/> for the defaults.</param>
    /// <returns>The record: an example or an error. Never throws for bad input.</returns>
    public static JsonlRecord ParseLine(ReadOnlyMemory<byte> line, int lineNumber = 1, JsonlReaderOptions? options = null)
    {
        options ??= JsonlReaderOptions.Default;
        if (line.Length > options.MaxLineBytes)
        {
            return JsonlRecord.Failure(lineNumber, 0, TooLong(lineNumber, line.Length, options.MaxLineBytes));
        }

        if (line.Span.IndexOfAnyExcept((byte)' ', (byte)'\t', (byte)'\r') < 0)
        {
            return JsonlRecord.Failure(lineNumber, 0, Blank(lineNumber));
        }

        return JsonlExampleReader.TryParse(new JsonlLine(), line, lineNumber, options.MaxDepth, out var example, out var error)
            ? JsonlRecord.Success(lineNumber, 0, example!)
            : JsonlRecord.Failure(lineNumber, 0, error!);
    }

    /// <summary>Reads every example of a file, skipping blank lines; the first bad line throws.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The examples, in file order.</returns>
    /// <exception cref="DataFormatException">A line is not a valid example; the message names the file and line.</exception>
    public static List<DatasetExample> ReadAll(string path)
    {
        var imported = new List<DatasetExample>();
        foreach (var record in Read(path, new JsonlReaderOptions { SkipBlankLines = true }))
        {
            if (!record.IsSuccess)
            {
                throw new DataFormatException(path, record.LineNumber, record.Error.Code, record.Error.Message, record.Error.Field);
            }

            imported.Add(record.Example);
        }

        return imported;
    }

    /// <summary>Reads a file synchronously, record by record.</summary>
    internal static IEnumerable<JsonlRecord> Read(string path, JsonlReaderOptions options) =>
        Read(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan), options, leaveOpen: false);

    /// <summary>Reads a stream synchronously, record by record (the emulator reads uploaded bytes from memory with it).</summary>
    internal static IEnumerable<JsonlRecord> Read(Stream stream, JsonlReaderOptions options, bool leaveOpen = true)
    {
        using var reader = new JsonlLineReader(stream, options.MaxLineBytes, leaveOpen);
        var facts = new JsonlLine();
        while (reader.ReadLine())
        {
            if (ToRecord(reader, facts, options) is { } record)
            {
                yield return record;
            }
        }
    }

    private static async IAsyncEnumerable<JsonlRecord> ReadFileAsync(
        string path, JsonlReaderOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await foreach (var record in ReadStreamAsync(stream, options, leaveOpen: false, cancellationToken).ConfigureAwait(false))
        {
            yield return record;
        }
    }

    private static async IAsyncEnumerable<JsonlRecord> ReadStreamAsync(
        Stream stream, JsonlReaderOptions options, bool leaveOpen, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new JsonlLineReader(stream, options.MaxLineBytes, leaveOpen);
        var facts = new JsonlLine();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false))
        {
            if (ToRecord(reader, facts, options) is { } record)
            {
                yield return record;
            }
        }
    }

    // One JsonlLine serves every line of a read: the typed example copies what it keeps out of it.
    private static JsonlRecord? ToRecord(JsonlLineReader reader, JsonlLine facts, JsonlReaderOptions options)
    {
        var line = reader.LineNumber;
        var offset = reader.LineOffset;
        return reader.Kind switch
        {
            JsonlLineKind.Blank => options.SkipBlankLines ? null : JsonlRecord.Failure(line, offset, Blank(line)),
            JsonlLineKind.TooLong => JsonlRecord.Failure(line, offset, TooLong(line, reader.LineLength, options.MaxLineBytes)),
            _ => JsonlExampleReader.TryParse(facts, reader.Line, line, options.MaxDepth, out var example, out var error)
                ? JsonlRecord.Success(line, offset, example!)
                : JsonlRecord.Failure(line, offset, error!),
        };
    }

    private static JsonlError Blank(int line) =>
        new(JsonlErrorCodes.BlankLine, $"Line {line}: blank line (each line must hold one JSON object).");

    private static JsonlError TooLong(int line, long length, int limit) =>
        new(JsonlErrorCodes.LineTooLong, $"Line {line}: {length:N0} bytes, longer than the limit of {limit:N0} bytes; skipped.");
}
