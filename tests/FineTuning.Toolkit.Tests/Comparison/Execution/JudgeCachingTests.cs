using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison.Execution;

public class JudgeCachingTests
{
    [Fact]
    public async Task CompareAsync_UnparseableJudgeAnswers_AreNotCachedAndAskedAgain()
    {
        var cache = ComparisonTestFiles.TempDirectory();
        var answer = "Sorry, I can't help with that.";
        var judge = new TestChatClient { ModelId = "judge", GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))) };
        ModelComparerOptions Options() => ComparisonFixtures.Options(o =>
        {
            o.CacheDirectory = cache;
            o.Scorers.Add(Scorer.RubricJudge(judge));
            o.PairwiseJudge = new PairwiseJudge(judge);
        });
        var suite = ComparisonFixtures.Suite(3);
        var first = await new ModelComparer(Options()).CompareAsync(suite, new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));
        Assert.All(first.Results, r => Assert.Equal(ScoreOutcome.Error, r.GetScore(Criteria.Rubric)!.Outcome));
        Assert.All(first.Pairwise, p => Assert.True(p.IsError));
        var callsAfterFirstRun = judge.Calls;

        answer = "{\"score\": 5, \"winner\": \"2\", \"reason\": \"fine\"}";
        var second = await new ModelComparer(Options()).CompareAsync(suite, new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));

        Assert.True(judge.Calls > callsAfterFirstRun);
        Assert.Equal(0, second.Run.JudgeErrors);
        Assert.All(second.Results, r => Assert.Equal(ScoreOutcome.Pass, r.GetScore(Criteria.Rubric)!.Outcome));
        Assert.All(second.Pairwise, p => Assert.False(p.IsError));

        var callsAfterSecondRun = judge.Calls;
        await new ModelComparer(Options()).CompareAsync(suite, new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));
        Assert.Equal(callsAfterSecondRun, judge.Calls);
    }
}
