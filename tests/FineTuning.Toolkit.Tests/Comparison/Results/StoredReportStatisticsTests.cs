using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Results;
using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Comparison.Statistics;

namespace FineTuning.Toolkit.Tests.Comparison.Results;

/// <summary>
/// The report's statistics, computed in one pass over the stored facts, equal — to the last bit — those computed the
/// straightforward way over every answer held in memory (the comparer's previous implementation, kept here as the reference).
/// </summary>
public sealed class StoredReportStatisticsTests
{
    private static readonly string[] ModelNames = ["base", "tuned", "third"];
    private static readonly string[] CriterionNames = [Criteria.Format, Criteria.Escalation, Criteria.Tone, "custom"];

    [Theory]
    [InlineData(1, 1)]
    [InlineData(37, 3)]
    [InlineData(250, 2)]
    public void Report_FromStoredResults_SameStatisticsAsOverAnswersInMemory(int seed, int repeats)
    {
        var (suite, results) = Generate(seed, repeats);
        using var store = CaseResultStore.Create(results.Count, ComparisonTestFiles.TempDirectory());
        for (var slot = 0; slot < results.Count; slot++)
        {
            store.Put(slot, results[slot]);
        }

        var models = ModelNames.Select(n => new ModelUnderTest(n, TestChatClient.Answering(_ => "hi"))).ToList();
        var report = new ComparisonReport(suite, models, store, [], new ModelComparerOptions(), new ComparisonRunInfo(DateTimeOffset.UnixEpoch, TimeSpan.Zero, 0, 0, 0, 0, 0, 0, 0));

        var criteria = results.SelectMany(r => r.Scores).Select(s => s.Criterion).Distinct().ToList();
        Assert.Equal(criteria, report.Criteria);
        Assert.Equal(ReferenceSummaries(criteria, results), report.Summaries);
        Assert.Equal(ReferencePaired(criteria, results), report.PairedComparisons);
        Assert.Equal(ReferenceRegressions(results), report.Regressions.Select(r => (r.CaseId, r.Repeat, r.Criterion, r.Model, report.ReasonOf(r))));
        Assert.Equal(results.Count, report.Results.Count);
        Assert.Equal(results.Select(r => r.Response), report.Results.Select(r => r.Response));
        Assert.Equal(
            ModelNames.Select(m => (results.Count(r => r.Model == m && r.Error is null), Percentile.Compute(results.Where(r => r.Model == m && r.Error is null).Select(r => r.LatencyMilliseconds), 95))),
            report.Usage.Select(u => (u.Answers - u.FailedCalls, u.LatencyP95Milliseconds)));
    }

    /// <summary>Answers in the comparer's order (case, repeat, model) with every outcome, missing criteria and failed calls.</summary>
    private static (TestSuite Suite, List<CaseResult> Results) Generate(int seed, int repeats)
    {
        var random = new Random(seed);
        var suite = new TestSuite("generated", Enumerable.Range(0, 40).Select(i => TestCase.FromPrompt($"case-{i:000}", $"Question {i}?")));
        var results = new List<CaseResult>();
        foreach (var testCase in suite.Cases)
        {
            for (var repeat = 0; repeat < repeats; repeat++)
            {
                foreach (var model in ModelNames)
                {
                    var failed = random.Next(25) == 0;
                    var scores = CriterionNames
                        .Where(_ => random.Next(8) != 0)
                        .Select(c => failed ? Score.Error(c, "model call failed") : new Score(c, (ScoreOutcome)random.Next(4), $"reason {random.Next(1000)}"))
                        .ToList();
                    results.Add(new CaseResult(model, testCase.Id, repeat, $"answer {random.Next()}", scores)
                    {
                        Error = failed ? "boom" : null,
                        LatencyMilliseconds = random.NextDouble() * 1000,
                        InputTokens = random.Next(3) == 0 ? null : random.Next(500),
                    });
                }
            }
        }

        return (suite, results);
    }

    private static List<CriterionSummary> ReferenceSummaries(List<string> criteria, List<CaseResult> results) =>
        [.. ModelNames.SelectMany(model => criteria.Select(criterion =>
        {
            var answers = results.Where(r => r.Model == model).ToList();
            var scores = answers.Select(r => r.GetScore(criterion)).OfType<Score>().ToList();
            var shares = Shares(answers, criterion, decisiveOnly: false);
            var interval = WilsonInterval.Compute(Math.Min(shares.Values.Sum(), shares.Count), shares.Count);
            return new CriterionSummary(
                model,
                criterion,
                scores.Count(s => s.Outcome == ScoreOutcome.Pass),
                scores.Count(s => s.Outcome == ScoreOutcome.Fail),
                scores.Count(s => s.Outcome == ScoreOutcome.Error),
                scores.Count(s => s.Outcome == ScoreOutcome.NotApplicable),
                shares.Count,
                interval.Rate,
                interval.Lower,
                interval.Upper);
        }))];

    private static List<PairedComparison> ReferencePaired(List<string> criteria, List<CaseResult> results)
    {
        var paired = new List<PairedComparison>();
        for (var i = 0; i < ModelNames.Length; i++)
        {
            for (var j = i + 1; j < ModelNames.Length; j++)
            {
                foreach (var criterion in criteria)
                {
                    var a = Shares(results.Where(r => r.Model == ModelNames[i]), criterion, decisiveOnly: true);
                    var b = Shares(results.Where(r => r.Model == ModelNames[j]), criterion, decisiveOnly: true);
                    int both = 0, onlyA = 0, onlyB = 0, neither = 0;
                    foreach (var (caseId, shareA) in a.Where(x => b.ContainsKey(x.Key)))
                    {
                        _ = shareA.CompareTo(b[caseId]) switch { > 0 => onlyA++, < 0 => onlyB++, _ => shareA >= 0.5 ? both++ : neither++ };
                    }

                    paired.Add(new PairedComparison(criterion, ModelNames[i], ModelNames[j], both, onlyA, onlyB, neither, BinomialTest.McNemarExact(onlyA, onlyB)));
                }
            }
        }

        return paired;
    }

    private static List<(string, int, string, string, string)> ReferenceRegressions(List<CaseResult> results)
    {
        var byKey = results.ToDictionary(r => (r.Model, r.CaseId, r.Repeat));
        return [.. ModelNames.Skip(1).SelectMany(candidate => results
            .Where(r => r.Model == candidate && byKey.ContainsKey((ModelNames[0], r.CaseId, r.Repeat)))
            .SelectMany(c => c.Scores
                .Where(s => s.Outcome is ScoreOutcome.Fail or ScoreOutcome.Error && byKey[(ModelNames[0], c.CaseId, c.Repeat)].GetScore(s.Criterion) is { Outcome: ScoreOutcome.Pass })
                .Select(s => (c.CaseId, c.Repeat, s.Criterion, candidate, s.Reason))))];
    }

    private static Dictionary<string, double> Shares(IEnumerable<CaseResult> answers, string criterion, bool decisiveOnly)
    {
        var shares = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var byCase in answers.GroupBy(r => r.CaseId, StringComparer.Ordinal))
        {
            var scored = byCase.Select(r => r.GetScore(criterion))
                .Where(s => s is { Outcome: ScoreOutcome.Pass or ScoreOutcome.Fail } || (!decisiveOnly && s is { Outcome: ScoreOutcome.Error }))
                .ToList();
            if (scored.Count > 0)
            {
                shares[byCase.Key] = (double)scored.Count(s => s!.Passed) / scored.Count;
            }
        }

        return shares;
    }
}
