using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison;

/// <summary>One model's answer to one case (one repeat) with its scores.</summary>
public sealed class CaseResult
{
    /// <summary>Initializes a new instance of the <see cref="CaseResult"/> class.</summary>
    /// <param name="model">The model name.</param>
    /// <param name="caseId">The case identifier.</param>
    /// <param name="repeat">The 0-based repeat index.</param>
    /// <param name="response">The answer text (empty when the call failed).</param>
    /// <param name="scores">The scores.</param>
    public CaseResult(string model, string caseId, int repeat, string response, IReadOnlyList<Score> scores)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(caseId);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(scores);
        Model = model;
        CaseId = caseId;
        Repeat = repeat;
        Response = response;
        Scores = scores;
    }

    /// <summary>Gets the model name.</summary>
    public string Model { get; }

    /// <summary>Gets the case identifier.</summary>
    public string CaseId { get; }

    /// <summary>Gets the 0-based repeat index.</summary>
    public int Repeat { get; }

    /// <summary>Gets the answer text.</summary>
    public string Response { get; }

    /// <summary>Gets the scores, one per criterion.</summary>
    public IReadOnlyList<Score> Scores { get; }

    /// <summary>Gets why the model call failed after all retries, or <see langword="null"/> when it succeeded.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the latency of the model call in milliseconds (as measured when it was made, also for cached answers).</summary>
    public double LatencyMilliseconds { get; init; }

    /// <summary>Gets the input tokens reported by the model, or <see langword="null"/>.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Gets the output tokens reported by the model, or <see langword="null"/>.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Gets whether the answer came from the disk cache instead of a model call.</summary>
    public bool FromCache { get; init; }

    /// <summary>Gets the time to the first token in milliseconds, when the answer was streamed (<see cref="ModelComparerOptions.Streaming"/>).</summary>
    public double? TimeToFirstTokenMilliseconds { get; init; }

    /// <summary>Gets the output tokens per second after the first token, when the answer was streamed and the model reported usage.</summary>
    public double? OutputTokensPerSecond { get; init; }

    /// <summary>Gets whether the result was read back from the results file of an earlier, interrupted run.</summary>
    public bool Resumed { get; init; }

    /// <summary>Gets the score for a criterion, or <see langword="null"/>.</summary>
    /// <param name="criterion">The criterion.</param>
    /// <returns>The score, or <see langword="null"/>.</returns>
    public Score? GetScore(string criterion)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        foreach (var score in Scores)
        {
            if (string.Equals(score.Criterion, criterion, StringComparison.Ordinal))
            {
                return score;
            }
        }

        return null;
    }

    internal CaseResult WithScores(IReadOnlyList<Score> scores) => new(Model, CaseId, Repeat, Response, scores)
    {
        Error = Error,
        LatencyMilliseconds = LatencyMilliseconds,
        InputTokens = InputTokens,
        OutputTokens = OutputTokens,
        FromCache = FromCache,
        Resumed = Resumed,
        TimeToFirstTokenMilliseconds = TimeToFirstTokenMilliseconds,
        OutputTokensPerSecond = OutputTokensPerSecond,
    };
}
