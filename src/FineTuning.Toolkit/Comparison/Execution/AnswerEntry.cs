using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// One answer as JSON: a line of the results journal (with <see cref="Type"/> and <see cref="Key"/>) and an element of
/// the JSON report's <c>results</c>.
/// </summary>
internal sealed class AnswerEntry
{
    public string? Type { get; set; }

    public string? Key { get; set; }

    public required string Model { get; set; }

    public required string Case { get; set; }

    public int Repeat { get; set; }

    public required string Response { get; set; }

    public string? Error { get; set; }

    public double LatencyMs { get; set; }

    public double? FirstTokenMs { get; set; }

    public double? OutputTokensPerSecond { get; set; }

    public long? InputTokens { get; set; }

    public long? OutputTokens { get; set; }

    public bool FromCache { get; set; }

    public bool? Resumed { get; set; }

    public required List<ScoreEntry> Scores { get; set; }

    public static AnswerEntry From(CaseResult result, string? type = null, string? key = null) => Create(result, type, key, [.. result.Scores.Select(ScoreEntry.From)]);

    /// <summary>The answer without its scores (for a store that keeps them apart).</summary>
    public static AnswerEntry WithoutScores(CaseResult result) => Create(result, null, null, []);

    private static AnswerEntry Create(CaseResult result, string? type, string? key, List<ScoreEntry> scores) => new()
    {
        Type = type,
        Key = key,
        Model = result.Model,
        Case = result.CaseId,
        Repeat = result.Repeat,
        Response = result.Response,
        Error = result.Error,
        LatencyMs = result.LatencyMilliseconds,
        FirstTokenMs = result.TimeToFirstTokenMilliseconds,
        OutputTokensPerSecond = result.OutputTokensPerSecond,
        InputTokens = result.InputTokens,
        OutputTokens = result.OutputTokens,
        FromCache = result.FromCache,
        Resumed = type is null ? result.Resumed : null,
        Scores = scores,
    };

    /// <summary>The answer as a result, with <paramref name="scores"/> or its own; a journal line (no <see cref="Resumed"/>) is a resumed answer.</summary>
    public CaseResult ToResult(IReadOnlyList<Score>? scores = null) => new(Model, Case, Repeat, Response, scores ?? [.. Scores.Select(s => s.ToScore())])
    {
        Error = Error,
        LatencyMilliseconds = LatencyMs,
        TimeToFirstTokenMilliseconds = FirstTokenMs,
        OutputTokensPerSecond = OutputTokensPerSecond,
        InputTokens = InputTokens,
        OutputTokens = OutputTokens,
        FromCache = FromCache,
        Resumed = Resumed ?? true,
    };
}
