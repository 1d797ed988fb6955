using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// The append-only JSONL file of a run: every answer (with its scores) and every pairwise verdict is appended and
/// flushed as soon as it exists, keyed by the request hash. A later run with the same file takes finished items over
/// instead of calling the model again; a torn last line from an interruption is ignored.
/// </summary>
internal sealed class ResultsJournal : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly FileStream _stream;
    private readonly Dictionary<string, CaseResult> _responses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PairwiseVerdict> _verdicts = new(StringComparer.Ordinal);

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

    public bool TryGetResponse(string key, out CaseResult result) => _responses.TryGetValue(key, out result!);

    public bool TryGetVerdict(string key, out PairwiseVerdict verdict) => _verdicts.TryGetValue(key, out verdict!);

    public Task AppendResponseAsync(string key, CaseResult result, CancellationToken cancellationToken) =>
        AppendAsync(
            writer =>
            {
                writer.WriteString("type", "response");
                writer.WriteString("key", key);
                CaseResultJson.WriteProperties(writer, result, "text", includeResumed: false);
            },
            cancellationToken);

    public Task AppendVerdictAsync(string key, PairwiseResult result, CancellationToken cancellationToken) =>
        AppendAsync(
            writer =>
            {
                writer.WriteString("type", "pairwise");
                writer.WriteString("key", key);
                writer.WriteString("case", result.CaseId);
                writer.WriteNumber("repeat", result.Repeat);
                writer.WriteString("a", result.ModelA);
                writer.WriteString("b", result.ModelB);
                writer.WriteString("outcome", result.Verdict.Outcome.ToString());
                writer.WriteString("reason", result.Verdict.Reason);
                writer.WriteString("first", result.Verdict.FirstOrder);
                writer.WriteString("second", result.Verdict.SecondOrder);
            },
            cancellationToken);

    public void Dispose()
    {
        _stream.Dispose();
        _gate.Dispose();
    }

    private async Task AppendAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        var bytes = buffer.ToArray();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, CancellationToken.None).ConfigureAwait(false);
            await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Load(string path)
    {
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                var key = root.GetProperty("key").GetString()!;
                switch (root.GetProperty("type").GetString())
                {
                    case "response":
                        _responses[key] = ReadResponse(root);
                        break;
                    case "pairwise":
                        _verdicts[key] = new PairwiseVerdict(
                            Enum.Parse<PairwiseOutcome>(root.GetProperty("outcome").GetString()!),
                            root.GetProperty("reason").GetString() ?? string.Empty,
                            root.GetProperty("first").GetString(),
                            root.GetProperty("second").GetString());
                        break;
                }
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
            {
                // A line torn by an interruption (or edited by hand) is skipped; its item simply runs again.
            }
        }
    }

    private static CaseResult ReadResponse(JsonElement root)
    {
        var scores = new List<Score>();
        foreach (var element in root.GetProperty("scores").EnumerateArray())
        {
            scores.Add(ScoreJson.Read(element));
        }

        return new CaseResult(
            root.GetProperty("model").GetString()!,
            root.GetProperty("case").GetString()!,
            root.GetProperty("repeat").GetInt32(),
            root.GetProperty("text").GetString()!,
            scores)
        {
            Error = root.TryGetProperty("error", out var error) ? error.GetString() : null,
            LatencyMilliseconds = root.GetProperty("latencyMs").GetDouble(),
            InputTokens = root.TryGetProperty("inputTokens", out var input) ? input.GetInt64() : null,
            OutputTokens = root.TryGetProperty("outputTokens", out var output) ? output.GetInt64() : null,
            FromCache = root.TryGetProperty("fromCache", out var cached) && cached.GetBoolean(),
            Resumed = true,
        };
    }
}
