using FineTuning.Toolkit.Comparison.Results;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>Applies the suite-level scorers (those that judge all of a model's answers together, such as tone consistency).</summary>
internal static class SuiteScoring
{
    /// <summary>
    /// Scores each model's answers together and appends the scores to the stored answers. The scorers see the answers as a
    /// list read from the store as they go through it.
    /// </summary>
    public static void Apply(TestSuite suite, IEnumerable<IScorer> scorers, CaseResultStore answers)
    {
        var suiteScorers = scorers.OfType<ISuiteScorer>().ToList();
        if (suiteScorers.Count == 0)
        {
            return;
        }

        var cases = suite.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var group in Enumerable.Range(0, answers.Count).GroupBy(slot => answers.Facts(slot).Model, StringComparer.Ordinal))
        {
            var slots = group.ToList();
            var ok = slots.Where(slot => !answers.Facts(slot).Failed).ToList();
            var contexts = new LazyList<ScoringContext>(ok.Count, i =>
            {
                var answer = answers.Read(ok[i]);
                return new ScoringContext(cases[answer.CaseId], answer.Model, answer.Response) { Repeat = answer.Repeat };
            });
            var extra = slots.ToDictionary(slot => slot, _ => new List<Score>());
            foreach (var scorer in suiteScorers)
            {
                var scores = ScoreSuite(scorer, contexts);
                for (var i = 0; i < ok.Count; i++)
                {
                    extra[ok[i]].Add(scores[i]);
                }

                foreach (var failed in slots.Where(slot => answers.Facts(slot).Failed))
                {
                    extra[failed].Add(Score.Error(scorer.Criterion, "model call failed: " + answers.Read(failed).Error));
                }
            }

            foreach (var (slot, scores) in extra)
            {
                answers.SetScores(slot, [.. answers.ReadScores(slot), .. scores]);
            }
        }
    }

    private static IReadOnlyList<Score> ScoreSuite(ISuiteScorer scorer, IReadOnlyList<ScoringContext> contexts)
    {
        try
        {
            var scores = scorer.ScoreSuite(contexts);
            return scores.Count == contexts.Count
                ? scores
                : throw new InvalidOperationException($"returned {scores.Count} scores for {contexts.Count} answers");
        }
        catch (Exception ex)
        {
            return contexts.Select(_ => Score.Error(scorer.Criterion, $"suite scorer threw: {ex.Message}")).ToList();
        }
    }
}
