namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>
/// Compares whether the answer escalates to a human ("Let me connect you with a human", "I've opened a ticket with our
/// engineering team") with the case's <see cref="TestExpectations.ShouldEscalate"/>. A missing escalation fails with the
/// label <c>under-escalation</c>, an unwanted one with <c>over-escalation</c>; cases without the expectation are not applicable.
/// </summary>
internal sealed class EscalationScorer : IScorer
{
    /// <summary>The label of a failure to escalate when expected.</summary>
    public const string UnderEscalation = "under-escalation";

    /// <summary>The label of an escalation that was not needed.</summary>
    public const string OverEscalation = "over-escalation";

    /// <inheritdoc/>
    public string Criterion => Criteria.Escalation;

    /// <summary>Returns whether a text escalates to a human.</summary>
    /// <param name="text">The answer.</param>
    /// <returns><see langword="true"/> when an escalation phrase is present.</returns>
    public static bool DetectsEscalation(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TextFeatures.IsEscalation(text);
    }

    /// <inheritdoc/>
    public ValueTask<Score> ScoreAsync(ScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TestCase.Expectations.ShouldEscalate is not { } expected)
        {
            return ValueTask.FromResult(Score.NotApplicable(Criterion, "no escalation expectation"));
        }

        var detected = TextFeatures.IsEscalation(context.Response);
        var score = (expected, detected) switch
        {
            (true, true) => Score.Pass(Criterion, "escalated as expected"),
            (false, false) => Score.Pass(Criterion, "handled without escalation as expected"),
            (true, false) => Score.Fail(Criterion, "should have escalated to a human but did not", UnderEscalation),
            (false, true) => Score.Fail(Criterion, "escalated although the case does not need a human", OverEscalation),
        };
        return ValueTask.FromResult(score);
    }
}
