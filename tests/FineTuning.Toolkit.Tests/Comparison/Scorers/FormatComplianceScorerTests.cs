using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Tests.Comparison.Scorers;

public class FormatComplianceScorerTests
{
    [Fact]
    public async Task ScoreAsync_LabFormattedAnswer_Passes()
    {
        var score = await new FormatComplianceScorer().ScoreAsync(ScorerTestContext.For(TechFlowAnswers.Formatted));

        Assert.Equal(ScoreOutcome.Pass, score.Outcome);
        Assert.Equal(Criteria.Format, score.Criterion);
    }

    [Fact]
    public async Task ScoreAsync_PlainAnswer_FailsNamingEveryViolation()
    {
        var score = await new FormatComplianceScorer().ScoreAsync(ScorerTestContext.For(TechFlowAnswers.Plain));

        Assert.Equal(ScoreOutcome.Fail, score.Outcome);
        Assert.Contains("no bold heading", score.Reason, StringComparison.Ordinal);
        Assert.Contains("no closing next-step line", score.Reason, StringComparison.Ordinal);
        Assert.Contains("no emoji", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_NumberedStepsRequiredButMissing_Fails()
    {
        var rules = new FormatRules { RequireNumberedSteps = true, MinimumNumberedSteps = 2 };

        var score = await new FormatComplianceScorer(rules).ScoreAsync(ScorerTestContext.For(TechFlowAnswers.Pricing));

        Assert.Equal(ScoreOutcome.Fail, score.Outcome);
        Assert.Contains("0 numbered steps", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_TooLong_FailsWithLength()
    {
        var rules = new FormatRules { MaximumLength = 100 };

        var score = await new FormatComplianceScorer(rules).ScoreAsync(ScorerTestContext.For(TechFlowAnswers.Formatted));

        Assert.Equal(ScoreOutcome.Fail, score.Outcome);
        Assert.Contains("too long", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_MojibakeInsteadOfEmoji_FailsEmojiRule()
    {
        var mojibake = TechFlowAnswers.Formatted.Replace("🔐", "üîê", StringComparison.Ordinal);

        var score = await new FormatComplianceScorer().ScoreAsync(ScorerTestContext.For(mojibake));

        Assert.Equal(ScoreOutcome.Fail, score.Outcome);
        Assert.Equal("no emoji", score.Reason);
    }

    [Fact]
    public async Task ScoreAsync_CaseDoesNotRequireFormat_NotApplicable()
    {
        var score = await new FormatComplianceScorer().ScoreAsync(ScorerTestContext.For(TechFlowAnswers.Plain, new TestExpectations { RequiresFormat = false }));

        Assert.Equal(ScoreOutcome.NotApplicable, score.Outcome);
    }

    [Fact]
    public async Task ScoreAsync_NullContext_Throws()
    {
        await Assert.ThrowsAsync<ArgumentNullException>("context", async () => await new FormatComplianceScorer().ScoreAsync(null!));
    }
}
