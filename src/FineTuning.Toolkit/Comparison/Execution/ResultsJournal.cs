using System.Text.Json;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// The append-only JSONL file of a run: every answer (with its scores) and every pairwise verdict is appended and
/// flushed as soon as it exists, keyed by the request hash. A later run with the same file takes finished items over
/// instead of calling the model again; a torn last line from an interruption is ignored. Recorded answers are not held
/// in memory: the journal keeps where each one's line is and reads it when its item comes up.
/// </summary>
internal sealed class ResultsJournal : IDisposable
{
    private const string ResponseType = "response";
    private const string PairwiseType = "pairwise";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly FileStream _stream;
    private Microsoft.Win32.SafeHandles.SafeFileHandle? _reader;
    private readonly Dictionary<string, (long Offset, int Length)> _responses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VerdictEntry> _verdicts = new(StringComparer.Ordinal);

    private ResultsJournal(string path)
    {
        Path = path;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        if (File.Exists(path))
        {
            Load(path);
        }

        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
    }

    public string Path { get; }

    public int Count => _responses.Count + _verdicts.Count;

    public static ResultsJournal Open(string path) => new(path);

    public bool TryGetResponse(string key, out CaseResult result)
    {
        result = null!;
        if (!_responses.TryGetValue(key, out var place) || _reader is null)
        {
            return false;
        }

        result = JsonSerializer.Deserialize(Results.AnonymousFile.Read(_reader, place.Offset, place.Length), ComparisonJsonContext.Default.AnswerEntry)!.ToResult();
        return true;
    }

    public bool TryGetVerdict(string key, out VerdictEntry verdict) => _verdicts.TryGetValue(key, out verdict!);

    public Task AppendResponseAsync(string key, CaseResult result, CancellationToken cancellationToken) =>
        AppendAsync(JsonSerializer.SerializeToUtf8Bytes(AnswerEntry.From(result, ResponseType, key), ComparisonJsonContext.Default.AnswerEntry), cancellationToken);

    public Task AppendVerdictAsync(string key, PairwiseResult result, CancellationToken cancellationToken) =>
        AppendAsync(JsonSerializer.SerializeToUtf8Bytes(VerdictEntry.From(result, PairwiseType, key), ComparisonJsonContext.Default.VerdictEntry), cancellationToken);

    public void Dispose()
    {
        _reader?.Dispose();
        _stream.Dispose();
        _gate.Dispose();
    }

    private async Task AppendAsync(byte[] line, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(line, CancellationToken.None).ConfigureAwait(false);
            await _stream.WriteAsync("\n"u8.ToArray(), CancellationToken.None).ConfigureAwait(false);
            await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Load(string path)
    {
        _reader = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);

        // The project's line reader: pooled buffers, each line's offset, no limit on a recorded answer's length.
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        using var lines = new JsonlLineReader(file, maxLineBytes: Array.MaxLength - 2);
        while (lines.ReadLine())
        {
            if (lines.Kind == JsonlLineKind.Content)
            {
                Remember(lines.LineSpan, lines.LineOffset);
            }
        }
    }

    private void Remember(ReadOnlySpan<byte> line, long offset)
    {
        try
        {
            var head = JsonSerializer.Deserialize(line, ComparisonJsonContext.Default.JournalLine);
            if (head?.Key is not { } key)
            {
                return;
            }

            switch (head.Type)
            {
                case ResponseType when JsonSerializer.Deserialize(line, ComparisonJsonContext.Default.AnswerEntry) is not null:
                    _responses[key] = (offset, line.Length);
                    break;
                case PairwiseType when JsonSerializer.Deserialize(line, ComparisonJsonContext.Default.VerdictEntry) is { } verdict:
                    _verdicts[key] = verdict;
                    break;
            }
        }
        catch (JsonException)
        {
            // A line torn by an interruption (or edited by hand) is skipped; its item simply runs again.
        }
    }
}
