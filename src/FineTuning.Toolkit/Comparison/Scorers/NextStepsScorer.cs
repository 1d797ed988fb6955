namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>
/// Checks that the answer offers the user a next step ("always offer next steps"): its closing lines ask a question
/// back or invite the user to continue ("Let me know...", "Ready to upgrade?").
/// </summary>
internal sealed class NextStepsScorer : IScorer
{
    /// <inheritdoc/>
    public string Criterion => Criteria.NextSteps;

    /// <inheritdoc/>
    public ValueTask<Score> ScoreAsync(ScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var lines = TextFeatures.NonEmptyLines(context.Response);
        for (var i = Math.Max(0, lines.Length - 2); i < lines.Length; i++)
        {
            if (TextFeatures.OffersNextStep(lines[i]))
            {
                return ValueTask.FromResult(Score.Pass(Criterion, "offers a next step"));
            }
        }

        return ValueTask.FromResult(Score.Fail(Criterion, "the closing lines offer no next step"));
    }
}
