using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>
/// The built-in scorers. Each returns an <see cref="IScorer"/>, the one interface custom scorers implement too; put
/// them in <see cref="ModelComparerOptions.Scorers"/>.
/// </summary>
public static class Scorer
{
    /// <summary>Checks the house format: a heading, numbered steps, a closing next-step line, an emoji, a sensible length.</summary>
    /// <param name="rules">The rules; defaults to <see cref="FormatRules"/>'s defaults. A suite's <see cref="TestSuite.FormatRules"/> override them.</param>
    /// <returns>The scorer of <see cref="Criteria.Format"/>.</returns>
    public static IScorer FormatCompliance(FormatRules? rules = null) => new FormatComplianceScorer(rules);

    /// <summary>Checks that the answer closes by offering a next step.</summary>
    /// <returns>The scorer of <see cref="Criteria.NextSteps"/>.</returns>
    public static IScorer NextSteps() => new NextStepsScorer();

    /// <summary>Checks that the answer escalates to a human exactly when the case expects it (<see cref="TestExpectations.ShouldEscalate"/>).</summary>
    /// <returns>The scorer of <see cref="Criteria.Escalation"/>.</returns>
    public static IScorer Escalation() => new EscalationScorer();

    /// <summary>Checks that the answer invents no prices, plans, URLs, features or claims beyond a catalog and the case's expectations.</summary>
    /// <param name="catalog">The known facts.</param>
    /// <returns>The scorer of <see cref="Criteria.NoInventedFacts"/>.</returns>
    public static IScorer InventedFacts(FactCatalog catalog) => new InventedFactsScorer(catalog);

    /// <summary>Checks that the answer reveals no e-mail addresses, card numbers, keys or other personal or secret data.</summary>
    /// <param name="allowedValues">Values that may appear (for example the support address).</param>
    /// <returns>The scorer of <see cref="Criteria.NoSensitiveInformation"/>.</returns>
    public static IScorer SensitiveInformation(IEnumerable<string>? allowedValues = null) => new SensitiveInformationScorer(allowedValues);

    /// <summary>
    /// Catches an answer to a different question, without an LLM: the topics of the question and of the case's
    /// category must meet the answer's, and the question's names and figures should appear in it. With
    /// <paramref name="embeddings"/>, the cosine similarity of question (or reference answer) and answer must also
    /// reach <paramref name="minimumSimilarity"/>.
    /// </summary>
    /// <param name="embeddings">An optional embedding generator for the semantic check.</param>
    /// <param name="minimumSimilarity">The lowest cosine similarity that passes, -1 to 1; depends on the embedding model.</param>
    /// <param name="topics">Topic names (matched with case categories too) and their keywords; defaults to customer-support topics.</param>
    /// <returns>The scorer of <see cref="Criteria.Relevance"/>.</returns>
    public static IScorer Relevance(IEmbeddingGenerator<string, Embedding<float>>? embeddings = null, double minimumSimilarity = 0.5, IReadOnlyDictionary<string, string[]>? topics = null) =>
        new RelevanceScorer(embeddings, minimumSimilarity, topics);

    /// <summary>
    /// Checks a friendly, professional tone that is consistent across a model's answers (the comparer scores all of a
    /// model's answers together).
    /// </summary>
    /// <returns>The scorer of <see cref="Criteria.Tone"/>.</returns>
    public static IScorer ToneConsistency() => new ToneConsistencyScorer();

    /// <summary>
    /// Asks an LLM judge to rate the answer from 1 to 5 on a rubric; the answer is fenced in the prompt as data. A judge
    /// failure or an unreadable verdict is an error score, never cached.
    /// </summary>
    /// <param name="judge">The judge.</param>
    /// <param name="rubric">The rubric; defaults to a rubric for a support assistant (tone, format, correctness, next steps, escalation).</param>
    /// <param name="passThreshold">The lowest rating that passes, 1 to 5.</param>
    /// <param name="criterion">The criterion name.</param>
    /// <returns>The judge's scorer.</returns>
    public static IScorer RubricJudge(IChatClient judge, string? rubric = null, int passThreshold = 4, string criterion = Criteria.Rubric) =>
        new RubricJudgeScorer(judge, rubric, passThreshold, criterion);

    /// <summary>Adapts a scorer to Microsoft.Extensions.AI.Evaluation's <see cref="IEvaluator"/>.</summary>
    /// <param name="scorer">The scorer.</param>
    /// <returns>An evaluator that reports a boolean metric named after the criterion; pass <see cref="TestCase.ToEvaluationContext"/> for expectations.</returns>
    public static IEvaluator AsEvaluator(this IScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        return new ScorerEvaluator(scorer);
    }
}
