using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>Applies the suite-level scorers (those that judge all of a model's answers together, such as tone consistency).</summary>
internal static class SuiteScoring
{
    public static List<CaseResult> Apply(TestSuite suite, IEnumerable<IScorer> scorers, CaseResult[] answers)
    {
        var suiteScorers = scorers.OfType<ISuiteScorer>().ToList();
        var result = answers.ToList();
        if (suiteScorers.Count == 0)
        {
            return result;
        }

        var cases = suite.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var group in answers.Select((a, i) => (Answer: a, Index: i)).GroupBy(x => x.Answer.Model, StringComparer.Ordinal))
        {
            var ok = group.Where(x => x.Answer.Error is null).ToList();
            var contexts = ok.Select(x => new ScoringContext(cases[x.Answer.CaseId], x.Answer.Model, x.Answer.Response) { Repeat = x.Answer.Repeat }).ToList();
            var extra = group.ToDictionary(x => x.Index, _ => new List<Score>());
            foreach (var scorer in suiteScorers)
            {
                var scores = ScoreSuite(scorer, contexts);
                for (var i = 0; i < ok.Count; i++)
                {
                    extra[ok[i].Index].Add(scores[i]);
                }

                foreach (var failed in group.Where(x => x.Answer.Error is not null))
                {
                    extra[failed.Index].Add(Score.Error(scorer.Criterion, "model call failed: " + failed.Answer.Error));
                }
            }

            foreach (var (index, scores) in extra)
            {
                result[index] = answers[index].WithScores([.. answers[index].Scores, .. scores]);
            }
        }

        return result;
    }

    private static IReadOnlyList<Score> ScoreSuite(ISuiteScorer scorer, List<ScoringContext> contexts)
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
