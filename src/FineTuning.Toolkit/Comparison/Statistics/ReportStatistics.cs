using FineTuning.Toolkit.Comparison.Results;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>
/// The statistics of a report, clustered by case: a case is the independent unit, and its repeats contribute their pass
/// share (rates, intervals), their majority (paired tests) or their vote (win rates).
/// </summary>
internal static class ReportStatistics
{
    public static List<WinRate> WinRates(IReadOnlyList<PairwiseResult> pairwise) =>
        pairwise
            .GroupBy(p => (p.ModelA, p.ModelB))
            .Select(pair =>
            {
                int wins = 0, losses = 0, ties = 0, errors = 0;
                foreach (var byCase in pair.GroupBy(p => p.CaseId, StringComparer.Ordinal))
                {
                    var decided = byCase.Where(p => p.Outcome != PairwiseOutcome.Error).ToList();
                    var net = decided.Count(p => p.Outcome == PairwiseOutcome.ModelAWins) - decided.Count(p => p.Outcome == PairwiseOutcome.ModelBWins);
                    _ = decided.Count == 0 ? errors++ : net > 0 ? wins++ : net < 0 ? losses++ : ties++;
                }

                return new WinRate(pair.Key.ModelA, pair.Key.ModelB, wins, losses, ties, errors, BinomialTest.SignTest(wins, losses));
            })
            .ToList();

    /// <summary>
    /// Every score of a candidate that fails or errs where the baseline's answer to the same case and repeat passes, per
    /// candidate in result order. The baseline's answer is found within the case's block of results.
    /// </summary>
    public static List<Regression> Regressions(IReadOnlyList<string> models, IReadOnlyList<AnswerFacts> results, Func<int, string> criterionName)
    {
        var perCandidate = models.Skip(1).ToDictionary(m => m, _ => new List<Regression>(), StringComparer.Ordinal);
        foreach (var (start, block) in CaseTally.ByCase(results))
        {
            for (var i = 0; i < block.Count; i++)
            {
                var c = block[i];
                if (perCandidate.TryGetValue(c.Model, out var found) && Baseline(block, models[0], c.Repeat) is { } baseline)
                {
                    for (var k = 0; k < c.Scores.Length; k++)
                    {
                        if (c.OutcomeAt(k) is ScoreOutcome.Fail or ScoreOutcome.Error && baseline.Outcome(c.CriterionAt(k)) == ScoreOutcome.Pass)
                        {
                            found.Add(new Regression(c.CaseId, c.Repeat, criterionName(c.CriterionAt(k)), c.Model, start + i, k));
                        }
                    }
                }
            }
        }

        return [.. models.Skip(1).SelectMany(m => perCandidate[m])];
    }

    private static AnswerFacts? Baseline(List<AnswerFacts> block, string baseline, int repeat)
    {
        foreach (var facts in block)
        {
            if (facts.Model == baseline && facts.Repeat == repeat)
            {
                return facts;
            }
        }

        return null;
    }
}
