using FineTuning.Toolkit.Comparison.Results;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>
/// The statistics of a report, clustered by case: a case is the independent unit, and its repeats contribute their pass
/// share (rates, intervals), their majority (paired tests) or their vote (win rates).
/// </summary>
internal static class ReportStatistics
{
    public static List<CriterionSummary> Summaries(IReadOnlyList<string> models, IReadOnlyList<string> criteria, IReadOnlyList<AnswerFacts> results, Func<string, int> criterionId)
    {
        var summaries = new List<CriterionSummary>();
        foreach (var model in models)
        {
            var answers = results.Where(r => r.Model == model).ToList();
            foreach (var criterion in criteria)
            {
                var id = criterionId(criterion);
                var outcomes = answers.Select(r => r.Outcome(id)).Where(o => o.HasValue).Select(o => o!.Value).ToList();
                var shares = CaseShares(answers, id);
                var interval = WilsonInterval.Compute(Math.Min(shares.Values.Sum(), shares.Count), shares.Count);
                summaries.Add(new CriterionSummary(
                    model,
                    criterion,
                    outcomes.Count(o => o == ScoreOutcome.Pass),
                    outcomes.Count(o => o == ScoreOutcome.Fail),
                    outcomes.Count(o => o == ScoreOutcome.Error),
                    outcomes.Count(o => o == ScoreOutcome.NotApplicable),
                    shares.Count,
                    interval.Rate,
                    interval.Lower,
                    interval.Upper));
            }
        }

        return summaries;
    }

    public static List<PairedComparison> Paired(IReadOnlyList<string> models, IReadOnlyList<string> criteria, IReadOnlyList<AnswerFacts> results, Func<string, int> criterionId)
    {
        var paired = new List<PairedComparison>();
        for (var i = 0; i < models.Count; i++)
        {
            for (var j = i + 1; j < models.Count; j++)
            {
                var a = results.Where(r => r.Model == models[i]).ToList();
                var b = results.Where(r => r.Model == models[j]).ToList();
                foreach (var criterion in criteria)
                {
                    var id = criterionId(criterion);
                    paired.Add(Pair(criterion, models[i], models[j], CaseShares(a, id, decisiveOnly: true), CaseShares(b, id, decisiveOnly: true)));
                }
            }
        }

        return paired;
    }

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

    /// <summary>Every score of a candidate that fails or errs where the baseline's answer to the same case and repeat passes, in result order.</summary>
    public static List<Regression> Regressions(IReadOnlyList<string> models, IReadOnlyList<AnswerFacts> results, Func<int, string> criterionName)
    {
        var byKey = new Dictionary<(string Model, string CaseId, int Repeat), int>();
        for (var i = 0; i < results.Count; i++)
        {
            byKey.Add((results[i].Model, results[i].CaseId, results[i].Repeat), i);
        }

        var regressions = new List<Regression>();
        foreach (var candidate in models.Skip(1))
        {
            for (var slot = 0; slot < results.Count; slot++)
            {
                var c = results[slot];
                if (c.Model != candidate || !byKey.TryGetValue((models[0], c.CaseId, c.Repeat), out var reference))
                {
                    continue;
                }

                var baseline = results[reference];
                for (var k = 0; k < c.Scores.Length; k++)
                {
                    if (c.OutcomeAt(k) is ScoreOutcome.Fail or ScoreOutcome.Error && baseline.Outcome(c.CriterionAt(k)) == ScoreOutcome.Pass)
                    {
                        regressions.Add(new Regression(c.CaseId, c.Repeat, criterionName(c.CriterionAt(k)), candidate, slot, k));
                    }
                }
            }
        }

        return regressions;
    }

    /// <summary>Each case's pass share over its scored repeats (errors count as not passing, or are left out with <paramref name="decisiveOnly"/>).</summary>
    private static Dictionary<string, double> CaseShares(IEnumerable<AnswerFacts> answers, int criterion, bool decisiveOnly = false)
    {
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var byCase in answers.GroupBy(r => r.CaseId, StringComparer.Ordinal))
        {
            var scored = byCase
                .Select(r => r.Outcome(criterion))
                .Where(o => o is ScoreOutcome.Pass or ScoreOutcome.Fail || (!decisiveOnly && o is ScoreOutcome.Error))
                .ToList();
            if (scored.Count > 0)
            {
                shares[byCase.Key] = (double)scored.Count(o => o == ScoreOutcome.Pass) / scored.Count;
            }
        }

        return shares;
    }

    private static PairedComparison Pair(string criterion, string modelA, string modelB, Dictionary<string, double> a, Dictionary<string, double> b)
    {
        int both = 0, onlyA = 0, onlyB = 0, neither = 0;
        foreach (var (caseId, shareA) in a)
        {
            if (!b.TryGetValue(caseId, out var shareB))
            {
                continue;
            }

            _ = shareA.CompareTo(shareB) switch
            {
                > 0 => onlyA++,
                < 0 => onlyB++,
                _ => shareA >= 0.5 ? both++ : neither++,
            };
        }

        return new PairedComparison(criterion, modelA, modelB, both, onlyA, onlyB, neither, BinomialTest.McNemarExact(onlyA, onlyB));
    }
}
