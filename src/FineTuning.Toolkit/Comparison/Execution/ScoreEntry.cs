using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>A <see cref="Score"/> as JSON.</summary>
internal sealed record ScoreEntry(string Criterion, ScoreOutcome Outcome, string Reason, string? Label, double? Value)
{
    /// <summary>The entry of <paramref name="score"/>.</summary>
    public static ScoreEntry From(Score score) => new(score.Criterion, score.Outcome, score.Reason, score.Label, score.Value);

    public Score ToScore() => new(Criterion, Outcome, Reason, Label, Value);
}
