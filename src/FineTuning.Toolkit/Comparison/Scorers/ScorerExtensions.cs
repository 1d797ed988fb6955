using Microsoft.Extensions.AI.Evaluation;

namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>Extensions for <see cref="IScorer"/>.</summary>
public static class ScorerExtensions
{
    /// <summary>Wraps a scorer as a <c>Microsoft.Extensions.AI.Evaluation</c> <see cref="IEvaluator"/>.</summary>
    /// <param name="scorer">The scorer.</param>
    /// <returns>The evaluator.</returns>
    public static IEvaluator AsEvaluator(this IScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        return new ScorerEvaluator(scorer);
    }
}
