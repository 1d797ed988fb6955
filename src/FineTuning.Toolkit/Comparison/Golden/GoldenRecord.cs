using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Comparison.Execution;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace FineTuning.Toolkit.Comparison.Golden;

/// <summary>
/// A model's recorded answers to a test suite. Record one while the model still exists (OpenAI retires fine-tuned
/// models), keep the file, and later replay it with <see cref="AsModelUnderTest"/> to compare a replacement against it.
/// The file is JSONL: a <c>{"golden": {...}}</c> header line, then one answer per line keyed by the SHA-256 of the
/// conversation it answers.
/// </summary>
public sealed class GoldenRecord
{
    private readonly Dictionary<string, GoldenAnswer> _byKey;

    /// <summary>Initializes a new instance of the <see cref="GoldenRecord"/> class.</summary>
    /// <param name="model">The recorded model's name.</param>
    /// <param name="suite">The suite's name.</param>
    /// <param name="recordedAt">When it was recorded.</param>
    /// <param name="answers">The answers.</param>
    internal GoldenRecord(string model, string suite, DateTimeOffset recordedAt, IEnumerable<GoldenAnswer> answers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(answers);
        Model = model;
        Suite = suite;
        RecordedAt = recordedAt;
        Answers = answers.ToList();
        _byKey = new Dictionary<string, GoldenAnswer>(StringComparer.Ordinal);
        foreach (var answer in Answers)
        {
            _byKey[answer.ConversationKey] = answer;
        }
    }

    /// <summary>Gets the recorded model's name.</summary>
    public string Model { get; }

    /// <summary>Gets the suite's name.</summary>
    public string Suite { get; }

    /// <summary>Gets when the record was made.</summary>
    public DateTimeOffset RecordedAt { get; }

    /// <summary>Gets the answers.</summary>
    internal IReadOnlyList<GoldenAnswer> Answers { get; }

    /// <summary>
    /// Asks a model every case of a suite once (with the comparer's system prompt and options, retries included) and
    /// writes the answers to a file.
    /// </summary>
    /// <param name="model">The model to record.</param>
    /// <param name="suite">The suite.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="options">The comparer options whose system prompt, temperature, seed, max tokens, concurrency and retries apply.</param>
    /// <param name="timeProvider">The clock; defaults to the system clock.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The record.</returns>
    public static async Task<GoldenRecord> RecordAsync(
        ModelUnderTest model,
        TestSuite suite,
        string path,
        ModelComparerOptions? options = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new ModelComparerOptions();
        var clock = timeProvider ?? TimeProvider.System;
        var pipeline = ComparisonResilience.Build(options, clock, NullLogger.Instance, null);
        var answers = new GoldenAnswer[suite.Cases.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, suite.Cases.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxConcurrency), CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var testCase = suite.Cases[index];
                var messages = RunContext.BuildMessages(testCase, testCase.SystemPrompt ?? suite.SystemPrompt ?? options.SystemPrompt);
                var chatOptions = new ChatOptions { Temperature = options.Temperature, Seed = options.Seed, MaxOutputTokens = options.MaxOutputTokens };
                var start = clock.GetTimestamp();
                var response = await pipeline.ExecuteAsync(
                    static async (state, ct) => await state.Client.GetResponseAsync(state.messages, state.chatOptions, ct).ConfigureAwait(false),
                    (model.Client, messages, chatOptions),
                    token).ConfigureAwait(false);
                answers[index] = new GoldenAnswer(
                    testCase.Id,
                    ConversationKey(messages),
                    response.Text,
                    response.Usage?.InputTokenCount,
                    response.Usage?.OutputTokenCount,
                    clock.GetElapsedTime(start).TotalMilliseconds);
            }).ConfigureAwait(false);

        var record = new GoldenRecord(model.Name, suite.Name, clock.GetUtcNow(), answers);
        await record.SaveAsync(path, cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>Loads a record from a file written by <see cref="SaveAsync"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The record.</returns>
    /// <exception cref="FormatException">The file is not a golden record; the message names the line.</exception>
    public static async Task<GoldenRecord> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var lines = await File.ReadAllLinesAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        string? model = null;
        var suite = string.Empty;
        var recordedAt = DateTimeOffset.MinValue;
        var answers = new List<GoldenAnswer>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(lines[i]);
                var root = document.RootElement;
                if (root.TryGetProperty("golden", out var header))
                {
                    model = header.GetProperty("model").GetString();
                    suite = header.GetProperty("suite").GetString() ?? string.Empty;
                    recordedAt = header.GetProperty("recordedAt").GetDateTimeOffset();
                    continue;
                }

                answers.Add(new GoldenAnswer(
                    root.GetProperty("case").GetString()!,
                    root.GetProperty("key").GetString()!,
                    root.GetProperty("response").GetString()!,
                    root.TryGetProperty("inputTokens", out var input) ? input.GetInt64() : null,
                    root.TryGetProperty("outputTokens", out var output) ? output.GetInt64() : null,
                    root.TryGetProperty("latencyMs", out var latency) ? latency.GetDouble() : 0));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"{Path.GetFileName(path)}, line {i + 1}: not a golden record line ({ex.Message}).", ex);
            }
        }

        if (model is null)
        {
            throw new FormatException($"{Path.GetFileName(path)}: the {{\"golden\": {{...}}}} header line is missing.");
        }

        return new GoldenRecord(model, suite, recordedAt, answers);
    }

    /// <summary>Writes the record as JSONL (atomically: a temporary file, then a rename).</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the file is written.</returns>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = new StringBuilder();
        text.Append(Line(w =>
        {
            w.WriteStartObject("golden");
            w.WriteString("model", Model);
            w.WriteString("suite", Suite);
            w.WriteString("recordedAt", RecordedAt);
            w.WriteEndObject();
        }));
        foreach (var a in Answers)
        {
            text.Append(Line(w =>
            {
                w.WriteString("case", a.CaseId);
                w.WriteString("key", a.ConversationKey);
                w.WriteString("response", a.Response);
                if (a.InputTokens is { } input)
                {
                    w.WriteNumber("inputTokens", input);
                }

                if (a.OutputTokens is { } output)
                {
                    w.WriteNumber("outputTokens", output);
                }

                w.WriteNumber("latencyMs", a.LatencyMilliseconds);
            }));
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await File.WriteAllTextAsync(temporary, text.ToString(), new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Returns an <see cref="IChatClient"/> that answers each recorded conversation with its recorded answer.</summary>
    /// <returns>The replaying client; it throws <see cref="InvalidOperationException"/> for a conversation it has no answer for.</returns>
    public IChatClient AsChatClient() => new GoldenRecordChatClient(this);

    /// <summary>Returns the replayed record as a model under test.</summary>
    /// <param name="name">The display name; defaults to the recorded model's name followed by " (golden)".</param>
    /// <returns>The model under test.</returns>
    public ModelUnderTest AsModelUnderTest(string? name = null) => new(name ?? Model + " (golden)", AsChatClient());

    /// <summary>
    /// Compares a candidate (for example the same dataset retrained on another provider) against this record: the record
    /// replays as the baseline, so the comparer's paired statistics and gates measure the candidate against the recorded
    /// model. For a go/no-go on a migration, give the comparer <see cref="Statistics.SuccessGate.Migration"/> as its
    /// gates and read <see cref="ComparisonReport.PassesGates"/> for the candidate.
    /// </summary>
    /// <param name="comparer">The comparer; use the options the record was made with (system prompt above all), so the conversations match.</param>
    /// <param name="suite">The suite the record was made on.</param>
    /// <param name="candidate">The model to compare; its name must differ from the record's (<see cref="AsModelUnderTest"/>).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The report; its baseline is the record.</returns>
    /// <exception cref="InvalidOperationException">The record has no answer for some of the suite's cases (named in the message); nothing was asked.</exception>
    public Task<ComparisonReport> CompareAsync(ModelComparer comparer, TestSuite suite, ModelUnderTest candidate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(comparer);
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(candidate);
        var missing = MissingCases(suite, comparer.Options.SystemPrompt);
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"The golden record of '{Model}' has no answer for {missing.Count} of the {suite.Cases.Count} cases of '{suite.Name}' ({string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", …" : string.Empty)}): " +
                "a case's prompt or system prompt changed since it was recorded. Compare on the suite it was recorded with, or record the model again while it still serves.");
        }

        return comparer.CompareAsync(suite, AsModelUnderTest(), candidate, cancellationToken);
    }

    /// <summary>
    /// Lists the cases of a suite this record has no answer for (a prompt or system prompt that changed since it was
    /// recorded). Check it before retraining a replacement: a comparison needs every case.
    /// </summary>
    /// <param name="suite">The suite.</param>
    /// <param name="systemPrompt">The comparer's system prompt (<see cref="ModelComparerOptions.SystemPrompt"/>), used by cases and suites without their own.</param>
    /// <returns>The ids of the cases without a recorded answer; empty when the record covers the suite.</returns>
    public IReadOnlyList<string> MissingCases(TestSuite suite, string? systemPrompt = null)
    {
        ArgumentNullException.ThrowIfNull(suite);
        return suite.Cases
            .Where(c => Find(RunContext.BuildMessages(c, c.SystemPrompt ?? suite.SystemPrompt ?? systemPrompt)) is null)
            .Select(c => c.Id)
            .ToList();
    }

    /// <summary>Finds the recorded answer to a conversation.</summary>
    /// <param name="messages">The conversation, system prompt included.</param>
    /// <returns>The answer, or <see langword="null"/>.</returns>
    internal GoldenAnswer? Find(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return _byKey.GetValueOrDefault(ConversationKey(messages.ToList()));
    }

    /// <summary>The SHA-256 of a canonical JSON form of the conversation (kind, then each message's role and text); stable across versions, so recorded files keep matching.</summary>
    internal static string ConversationKey(IReadOnlyList<ChatMessage> messages)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "golden");
            writer.WriteStartArray("messages");
            foreach (var message in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role.Value);
                writer.WriteString("text", message.Text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(buffer.ToArray())).ToLowerInvariant();
    }

    private static string Line(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
