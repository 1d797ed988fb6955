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
        var byModel = new Dictionary<string, (List<int> Ok, List<int> Failed)>(StringComparer.Ordinal);
        for (var slot = 0; slot < answers.Count; slot++)
        {
            var facts = answers.Facts(slot);
            if (!byModel.TryGetValue(facts.Model, out var slots))
            {
                byModel[facts.Model] = slots = ([], []);
            }

            (facts.Failed ? slots.Failed : slots.Ok).Add(slot);
        }

        foreach (var (ok, failed) in byModel.Values)
        {
            var contexts = new LazyList<ScoringContext>(ok.Count, i =>
            {
                var answer = answers.Read(ok[i]);
                return new ScoringContext(cases[answer.CaseId], answer.Model, answer.Response) { Repeat = answer.Repeat };
            });

            var errors = failed.ConvertAll(slot => answers.Read(slot).Error);

            // One scorer at a time, its scores appended as they come: each answer ends with its scores in scorer order.
            foreach (var scorer in suiteScorers)
            {
                var scores = ScoreSuite(scorer, contexts);
                for (var i = 0; i < ok.Count; i++)
                {
                    answers.AppendScore(ok[i], scores[i]);
                }

                for (var i = 0; i < failed.Count; i++)
                {
                    answers.AppendScore(failed[i], Score.Error(scorer.Criterion, "model call failed: " + errors[i]));
                }
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
