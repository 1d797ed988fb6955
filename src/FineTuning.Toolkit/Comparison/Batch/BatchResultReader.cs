using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// Reads a batch's output or error file line by line as it streams in, mapping every line back by <c>custom_id</c>:
/// an answer with its usage, or the error of the line (a failed request, <c>batch_expired</c>, <c>batch_cancelled</c>).
/// </summary>
internal static class BatchResultReader
{
    public static async Task<int> ReadAsync(Stream content, BatchAnswerStore store, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, 1 << 16);
        var lines = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (JsonReading.String(root, "custom_id") is not { } customId)
            {
                continue;
            }

            store.Add(customId, Parse(root));
            lines++;
        }

        return lines;
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

    private static BatchAnswer Failure(string? code, string? message) =>
        new(string.Empty, null, null, code is null ? message ?? "failed" : $"{code}: {message}");
}
