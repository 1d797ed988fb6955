using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison.Statistics;

public class ClusteredStatisticsTests
{
    /// <summary>20 cases where the fine-tuned model fails the format on 2: 90% at the point estimate.</summary>
    private static TestChatClient MostlyFormatted() =>
        TestChatClient.Answering(p => p.Contains("(3)", StringComparison.Ordinal) || p.Contains("(7)", StringComparison.Ordinal) ? TechFlowAnswers.Plain : TechFlowAnswers.Formatted, "ft");

    [Fact]
    public async Task CompareAsync_IdenticalAnswersRepeatedThreeTimes_SameLowerBoundsAndGates()
    {
        var once = await new ModelComparer(ComparisonFixtures.Options(o => o.Repeats = 1)).CompareAsync(
            ComparisonFixtures.Suite(20), new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", MostlyFormatted()));
        var thrice = await new ModelComparer(ComparisonFixtures.Options(o => o.Repeats = 3)).CompareAsync(
            ComparisonFixtures.Suite(20), new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", MostlyFormatted()));

        Assert.Equal(3 * once.Results.Count, thrice.Results.Count);
        foreach (var summary in once.Summaries)
        {
            var repeated = thrice.GetSummary(summary.Model, summary.Criterion)!;
            Assert.Equal(summary.Lower, repeated.Lower, 12);
            Assert.Equal(summary.Upper, repeated.Upper, 12);
            Assert.Equal(summary.Cases, repeated.Cases);
        }

        Assert.Equal(once.Gates.Select(g => (g.Model, g.Gate, g.Passed)), thrice.Gates.Select(g => (g.Model, g.Gate, g.Passed)));
        Assert.Equal(once.PairedComparisons.Select(p => p.PValue), thrice.PairedComparisons.Select(p => p.PValue));
        Assert.Equal(20, thrice.GetSummary("ft", Criteria.Format)!.Cases);
        Assert.Equal(54, thrice.GetSummary("ft", Criteria.Format)!.Passed);
    }

    [Fact]
    public async Task CompareAsync_RepeatsDisagree_CaseCountsItsPassShareOnce()
    {
        var calls = 0;
        var flaky = new TestChatClient
        {
            ModelId = "ft",
            GetResponseAsyncCallback = (_, options, _) =>
            {
                Interlocked.Increment(ref calls);
                var answer = options!.Seed % 2 == 0 ? TechFlowAnswers.Formatted : TechFlowAnswers.Plain;
                return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
            },
        };

        var report = await new ModelComparer(ComparisonFixtures.Options(o => o.Repeats = 2)).CompareAsync(
            ComparisonFixtures.Suite(10), new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", flaky));

        var format = report.GetSummary("ft", Criteria.Format)!;
        Assert.Equal((10, 20, 10), (format.Cases, format.Trials, format.Passed));
        Assert.Equal(0.5, format.Rate, 12);
        var paired = report.GetPaired(Criteria.Format, "base", "ft")!;
        Assert.Equal(10, paired.Pairs);
    }

    [Fact]
    public async Task PassesGates_PairwiseJudgeFailsOnEveryCall_FineTunedModelFails()
    {
        var brokenJudge = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => throw new HttpRequestException("judge is down", null, System.Net.HttpStatusCode.BadRequest) };
        var options = ComparisonFixtures.Options(o => o.Gates = []);
        var withoutJudge = await new ModelComparer(options).CompareAsync(
            ComparisonFixtures.Suite(6), new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));
        options.PairwiseJudge = new PairwiseJudge(brokenJudge);

        var report = await new ModelComparer(options).CompareAsync(
            ComparisonFixtures.Suite(6), new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));

        Assert.True(withoutJudge.PassesGates("ft"));
        Assert.False(report.PassesGates("ft"));
        var gate = report.Gates.Single(g => g.Model == "ft" && !g.Passed);
        Assert.Contains("pairwise judge: 6 errors in 6", gate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PassesGates_OneCriterionErrsBeyondBudgetWhileOverallShareIsSmall_Fails()
    {
        var judge = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "I cannot rate this."))) };
        var options = ComparisonFixtures.Options(o =>
        {
            o.Gates = [];
            o.Scorers.Add(Scorer.RubricJudge(judge));
        });

        var report = await new ModelComparer(options).CompareAsync(
            ComparisonFixtures.Suite(6), new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));

        // 6 rubric errors among 6 x 8 scores is 12.5% overall, but the rubric criterion errs 100% of the time.
        Assert.False(report.PassesGates("ft"));
        Assert.Contains(report.Gates, g => g.Model == "ft" && !g.Passed && g.Reason.StartsWith("rubric: 6 errors in 6", StringComparison.Ordinal));
    }
}
