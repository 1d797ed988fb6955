using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Tests.Comparison.Scorers;

public class EscalationScorerTests
{
    [Theory]
    [InlineData(true, TechFlowAnswers.Escalating, ScoreOutcome.Pass, null)]
    [InlineData(false, TechFlowAnswers.Formatted, ScoreOutcome.Pass, null)]
    [InlineData(true, TechFlowAnswers.Formatted, ScoreOutcome.Fail, EscalationScorer.UnderEscalation)]
    [InlineData(false, TechFlowAnswers.Escalating, ScoreOutcome.Fail, EscalationScorer.OverEscalation)]
    public async Task ScoreAsync_DetectedVersusExpected_ClassifiesOverAndUnder(bool expected, string answer, ScoreOutcome outcome, string? label)
    {
        var score = await new EscalationScorer().ScoreAsync(ScorerTestContext.For(answer, new TestExpectations { ShouldEscalate = expected }));

        Assert.Equal(outcome, score.Outcome);
        Assert.Equal(label, score.Label);
    }

    [Fact]
    public async Task ScoreAsync_NoExpectation_NotApplicable()
    {
        var score = await new EscalationScorer().ScoreAsync(ScorerTestContext.For(TechFlowAnswers.Escalating));

        Assert.Equal(ScoreOutcome.NotApplicable, score.Outcome);
    }

    [Theory]
    [InlineData("Let me connect you with a human agent.", true)]
    [InlineData("I'll escalate this to our billing team.", true)]
    [InlineData("Here are the steps to export your data.", false)]
    public void DetectsEscalation_Phrases_Detected(string text, bool expected)
    {
        Assert.Equal(expected, EscalationScorer.DetectsEscalation(text));
    }
}
