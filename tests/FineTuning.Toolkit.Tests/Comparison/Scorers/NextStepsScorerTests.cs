using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Tests.Comparison.Scorers;

public class NextStepsScorerTests
{
    [Theory]
    [InlineData(TechFlowAnswers.Formatted)]
    [InlineData(TechFlowAnswers.Pricing)]
    [InlineData("Done.\nWould you like me to send the invoice again")]
    public async Task ScoreAsync_ClosingOffer_Passes(string answer)
    {
        var score = await new NextStepsScorer().ScoreAsync(ScorerTestContext.For(answer));

        Assert.Equal(ScoreOutcome.Pass, score.Outcome);
    }

    [Fact]
    public async Task ScoreAsync_NoOffer_Fails()
    {
        var score = await new NextStepsScorer().ScoreAsync(ScorerTestContext.For("Your invoice was sent.\nIt is in your inbox."));

        Assert.Equal(ScoreOutcome.Fail, score.Outcome);
        Assert.Equal(Criteria.NextSteps, score.Criterion);
    }
}
