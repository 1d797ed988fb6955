using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Results;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Tests.Comparison.Results;

/// <summary>The comparison's on-disk results: what goes in comes back exactly, and nothing is left behind.</summary>
public sealed class CaseResultStoreTests
{
    [Fact]
    public void Read_AfterPut_ReturnsEveryFieldExactly()
    {
        using var store = CaseResultStore.Create(3, ComparisonTestFiles.TempDirectory());
        CaseResult[] results =
        [
            new("base", "case-1", 0, "Hi 👋 \"quoted\"\n**Steps**:\r\n1. <b>tag</b> \\ back\u2028slash \u0000 nul", [
                new Score(Criteria.Format, ScoreOutcome.Pass, "ok"),
                new Score(Criteria.Rubric, ScoreOutcome.Fail, "scöre 1 ≤ 2", "low", double.NaN),
                new Score("custom", ScoreOutcome.NotApplicable, string.Empty, null, double.Epsilon),
            ])
            {
                LatencyMilliseconds = 0.1 + 0.2,
                TimeToFirstTokenMilliseconds = 1e-300,
                OutputTokensPerSecond = 123.456789012345,
                InputTokens = long.MaxValue,
                OutputTokens = 0,
                FromCache = true,
                Resumed = false,
            },
            new("other", "case-1", 0, string.Empty, [Score.Error(Criteria.Format, "model call failed: boom")])
            {
                Error = "HttpRequestException: boom",
                LatencyMilliseconds = 12.5,
                Resumed = true,
            },
            new("base", "case-2", 1, new string('x', 100_000), []) { LatencyMilliseconds = double.MaxValue, OutputTokensPerSecond = -0.0 },
        ];

        for (var slot = 0; slot < results.Length; slot++)
        {
            store.Put(slot, results[slot]);
        }

        for (var slot = results.Length - 1; slot >= 0; slot--)
        {
            AssertSame(results[slot], store.Read(slot));
            var facts = store.Facts(slot);
            Assert.Equal((results[slot].Model, results[slot].CaseId, results[slot].Repeat, results[slot].Error is not null), (facts.Model, facts.CaseId, facts.Repeat, facts.Failed));
            Assert.Equal(results[slot].LatencyMilliseconds, facts.LatencyMilliseconds);
            Assert.Equal(results[slot].Scores.Select(s => s.Outcome), Enumerable.Range(0, facts.Scores.Length).Select(facts.OutcomeAt));
            Assert.Equal(results[slot].Scores.Select(s => s.Criterion), Enumerable.Range(0, facts.Scores.Length).Select(i => store.Criterion(facts.CriterionAt(i))));
        }
    }

    [Fact]
    public void SetScores_ReplacesTheScoresAndKeepsTheAnswer()
    {
        using var store = CaseResultStore.Create(1, ComparisonTestFiles.TempDirectory());
        var answer = new CaseResult("base", "case-1", 0, "Hello!", [Score.Error(Criteria.Rubric, "deferred")]) { LatencyMilliseconds = 3, InputTokens = 7 };
        store.Put(0, answer);

        store.SetScores(0, [Score.Pass(Criteria.Rubric, "3 ≥ 2"), Score.Fail(Criteria.Tone, "no friendly opener")]);

        var read = store.Read(0);
        AssertSame(answer.WithScores([Score.Pass(Criteria.Rubric, "3 ≥ 2"), Score.Fail(Criteria.Tone, "no friendly opener")]), read);
        Assert.Equal(ScoreOutcome.Fail, store.Facts(0).Outcome(store.FindCriterion(Criteria.Tone)));
        Assert.Null(store.Facts(0).Outcome(store.FindCriterion(Criteria.Format)));
    }

    [Fact]
    public void Dispose_LeavesNoFileBehind()
    {
        var directory = ComparisonTestFiles.TempDirectory();
        var store = CaseResultStore.Create(1, directory);
        store.Put(0, new CaseResult("base", "case-1", 0, "Hello!", []));

        store.Dispose();

        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }

    private static void AssertSame(CaseResult expected, CaseResult actual)
    {
        Assert.Equal(
            (expected.Model, expected.CaseId, expected.Repeat, expected.Response, expected.Error, expected.FromCache, expected.Resumed),
            (actual.Model, actual.CaseId, actual.Repeat, actual.Response, actual.Error, actual.FromCache, actual.Resumed));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.LatencyMilliseconds), BitConverter.DoubleToInt64Bits(actual.LatencyMilliseconds));
        Assert.Equal(expected.TimeToFirstTokenMilliseconds, actual.TimeToFirstTokenMilliseconds);
        Assert.Equal(expected.OutputTokensPerSecond, actual.OutputTokensPerSecond);
        Assert.Equal((expected.InputTokens, expected.OutputTokens), (actual.InputTokens, actual.OutputTokens));
        Assert.Equal(
            expected.Scores.Select(s => (s.Criterion, s.Outcome, s.Reason, s.Label, s.Value is { } v ? BitConverter.DoubleToInt64Bits(v) : (long?)null)),
            actual.Scores.Select(s => (s.Criterion, s.Outcome, s.Reason, s.Label, s.Value is { } v ? BitConverter.DoubleToInt64Bits(v) : (long?)null)));
    }
}
