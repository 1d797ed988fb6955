namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>
/// Scores one answer on one criterion. Scorers are composable: a comparison runs any number of them, and each can be
/// used as a <c>Microsoft.Extensions.AI.Evaluation.IEvaluator</c> through <see cref="ScorerEvaluator"/>.
/// </summary>
public interface IScorer
{
    /// <summary>Gets the criterion this scorer produces.</summary>
    string Criterion { get; }

    /// <summary>Scores an answer. Implementations return <see cref="ScoreOutcome.Error"/> instead of throwing when they cannot decide.</summary>
    /// <param name="context">The case and the answer.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The score.</returns>
    ValueTask<Score> ScoreAsync(ScoringContext context, CancellationToken cancellationToken = default);
}
