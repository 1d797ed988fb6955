using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>
/// Adapts an <see cref="IScorer"/> to <c>Microsoft.Extensions.AI.Evaluation</c>'s <see cref="IEvaluator"/>, so the
/// toolkit's scorers run in that library's reporting pipeline. The result holds one <see cref="BooleanMetric"/> named
/// after the criterion: <see langword="true"/> for a pass, <see langword="false"/> for a fail, no value (with an error
/// diagnostic) for an error. Pass the case's expectations with <see cref="TestCase.ToEvaluationContext"/>.
/// </summary>
internal sealed class ScorerEvaluator : IEvaluator
{
    private readonly IScorer _scorer;

    /// <summary>Initializes a new instance of the <see cref="ScorerEvaluator"/> class.</summary>
    /// <param name="scorer">The scorer.</param>
    public ScorerEvaluator(IScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        _scorer = scorer;
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<string> EvaluationMetricNames => [_scorer.Criterion];

    /// <inheritdoc/>
    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(modelResponse);
        var list = messages.ToList();
        var systemPrompt = list.FirstOrDefault(m => m.Role == ChatRole.System)?.Text;
        var testCase = additionalContext?.OfType<TestCaseEvaluationContext>().FirstOrDefault()?.TestCase;
        if (testCase is null)
        {
            var turns = list.Where(m => m.Role == ChatRole.User || m.Role == ChatRole.Assistant).ToList();
            testCase = turns.Count > 0 && turns[^1].Role == ChatRole.User
                ? new TestCase("evaluation", turns)
                : TestCase.FromPrompt("evaluation", string.Empty);
        }

        var context = new ScoringContext(testCase, modelResponse.ModelId ?? "model", modelResponse.Text, systemPrompt);
        var score = await _scorer.ScoreAsync(context, cancellationToken).ConfigureAwait(false);
        bool? value = score.Outcome switch
        {
            ScoreOutcome.Pass => true,
            ScoreOutcome.Fail => false,
            _ => null,
        };
        var metric = new BooleanMetric(_scorer.Criterion, value, score.Reason);
        metric.Interpretation = score.Outcome switch
        {
            ScoreOutcome.Pass => new EvaluationMetricInterpretation(EvaluationRating.Good, failed: false, score.Reason),
            ScoreOutcome.Fail => new EvaluationMetricInterpretation(EvaluationRating.Unacceptable, failed: true, score.Reason),
            ScoreOutcome.Error => new EvaluationMetricInterpretation(EvaluationRating.Inconclusive, failed: true, score.Reason),
            _ => new EvaluationMetricInterpretation(EvaluationRating.Inconclusive, failed: false, score.Reason),
        };
        if (score.Outcome == ScoreOutcome.Error)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error(score.Reason));
        }

        return new EvaluationResult(metric);
    }
}
