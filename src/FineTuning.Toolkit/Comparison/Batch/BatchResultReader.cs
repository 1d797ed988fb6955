using System.Buffers;
using System.Text.Json;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// Streams a batch's output or error file to a local file while reading it line by line, mapping every line back by
/// <c>custom_id</c>: an answer (located in the local file, read again when its case is asked) or the error of the line
/// (a failed request, <c>batch_expired</c>, <c>batch_cancelled</c>). Only one line is in memory at a time.
/// </summary>
internal static class BatchResultReader
{
    public static async Task<int> ReadAsync(Stream content, BatchAnswerStore store, string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, $"ftk-batch-results-{Guid.NewGuid():N}.jsonl");
        var copy = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        var file = store.AddFile(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.RandomAccess));
        await using (copy.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                var lines = 0;
                long offset = 0;
                var filled = 0;
                while (true)
                {
                    if (filled == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, filled).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                    var end = read == 0 ? filled : filled + read;
                    var start = 0;
                    int newline;
                    while ((newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n')) >= 0 || (read == 0 && start < end))
                    {
                        var length = newline >= 0 ? newline : end - start;
                        lines += Index(buffer.AsMemory(start, length), store, file, offset) ? 1 : 0;
                        var consumed = newline >= 0 ? length + 1 : length;
                        await copy.WriteAsync(buffer.AsMemory(start, consumed), cancellationToken).ConfigureAwait(false);
                        offset += consumed;
                        start += consumed;
                    }

                    if (read == 0)
                    {
                        await copy.FlushAsync(cancellationToken).ConfigureAwait(false);
                        return lines;
                    }

                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    filled = end - start;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    internal static BatchAnswer Parse(JsonElement root)
    {
        if (JsonReading.Object(root, "error") is { } error)
        {
            return Failure(JsonReading.String(error, "code"), JsonReading.String(error, "message"));
        }

        if (JsonReading.Object(root, "response") is not { } response)
        {
            return Failure(null, "the batch returned neither a response nor an error");
        }

        var status = JsonReading.Int64(response, "status_code") ?? 0;
        var body = JsonReading.Object(response, "body");
        if (status is < 200 or >= 300 || body is null)
        {
            var bodyError = body is { } b ? JsonReading.Object(b, "error") : null;
            var message = bodyError is { } e ? JsonReading.String(e, "message") : null;
            return Failure(bodyError is { } c ? JsonReading.String(c, "code") : null, $"HTTP {status}: {message ?? "no message"}");
        }

        string? text = null;
        foreach (var choice in JsonReading.Array(body.Value, "choices"))
        {
            text = JsonReading.Object(choice, "message") is { } message ? JsonReading.String(message, "content") : null;
            break;
        }

        var usage = JsonReading.Object(body.Value, "usage");
        return new BatchAnswer(
            text ?? string.Empty,
            usage is { } u ? JsonReading.Int64(u, "prompt_tokens") : null,
            usage is { } o ? JsonReading.Int64(o, "completion_tokens") : null,
            null);
    }

    /// <summary>Indexes one line: a success by its place in the local copy, a failure by its error text.</summary>
    private static bool Index(ReadOnlyMemory<byte> line, BatchAnswerStore store, int file, long offset)
    {
        var trimmed = line.Span.EndsWith("\r"u8) ? line[..^1] : line;
        if (trimmed.Span.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0)
        {
            return false;
        }

        using var document = JsonDocument.Parse(trimmed);
        var root = document.RootElement;
        if (JsonReading.String(root, "custom_id") is not { } customId)
        {
            return false;
        }

        var answer = Parse(root);
        if (answer.Error is null)
        {
            store.AddAnswer(customId, file, offset, trimmed.Length);
        }
        else
        {
            store.AddFailure(customId, answer.Error);
        }

        return true;
    }

    private static BatchAnswer Failure(string? code, string? message) =>
        new(string.Empty, null, null, code is null ? message ?? "failed" : $"{code}: {message}");
}
