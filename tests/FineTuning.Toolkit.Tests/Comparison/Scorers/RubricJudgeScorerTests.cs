using FineTuning.Toolkit.Comparison.Scorers;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison.Scorers;

public class RubricJudgeScorerTests
{
    private static TestChatClient Judge(string answer) => new()
    {
        GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))),
    };

    [Theory]
    [InlineData("{\"score\": 5, \"reason\": \"great\"}", ScoreOutcome.Pass, 5)]
    [InlineData("```json\n{\"score\": \"4\", \"reason\": \"ok\"}\n```", ScoreOutcome.Pass, 4)]
    [InlineData("{\"score\": 2, \"reason\": \"off-format\"}", ScoreOutcome.Fail, 2)]
    public async Task ScoreAsync_ParseableVerdict_PassesAtThreshold(string verdict, ScoreOutcome outcome, double value)
    {
        var score = await new RubricJudgeScorer(Judge(verdict)).ScoreAsync(ScorerTestContext.For(TechFlowAnswers.Formatted));

        Assert.Equal(outcome, score.Outcome);
        Assert.Equal(value, score.Value);
    }

    [Theory]
    [InlineData("I think it's pretty good!")]
    [InlineData("{\"score\": 9}")]
    [InlineData("{\"rating\": 5}")]
    [InlineData("{\"score\": 4.5}")]
    public async Task ScoreAsync_UnparseableVerdict_IsErrorNeverPass(string verdict)
    {
        var score = await new RubricJudgeScorer(Judge(verdict)).ScoreAsync(ScorerTestContext.For(TechFlowAnswers.Formatted));

        Assert.Equal(ScoreOutcome.Error, score.Outcome);
        Assert.Contains("unparseable", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_JudgeThrows_IsErrorNeverPass()
    {
        var judge = new TestChatClient { GetResponseAsyncCallback = (_, _, _) => throw new HttpRequestException("judge down") };

        var score = await new RubricJudgeScorer(judge).ScoreAsync(ScorerTestContext.For(TechFlowAnswers.Formatted));

        Assert.Equal(ScoreOutcome.Error, score.Outcome);
        Assert.Contains("judge down", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_SendsRubricAndAnswerToJudge()
    {
        var judge = Judge("{\"score\": 5}");

        await new RubricJudgeScorer(judge, "Be kind.").ScoreAsync(ScorerTestContext.For(TechFlowAnswers.Formatted));

        var prompt = judge.Requests.Single().Messages[^1].Text;
        Assert.Contains("Be kind.", prompt, StringComparison.Ordinal);
        Assert.Contains("techflow.com/reset", prompt, StringComparison.Ordinal);
        Assert.Equal(0f, judge.Requests.Single().Options!.Temperature);
    }

    [Fact]
    public void Constructor_Guards()
    {
        Assert.Throws<ArgumentNullException>("judge", () => new RubricJudgeScorer(null!));
        Assert.Throws<ArgumentOutOfRangeException>("passThreshold", () => new RubricJudgeScorer(Judge("{}"), passThreshold: 6));
    }
}
