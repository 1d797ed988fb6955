using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Tests.Comparison.Scorers;

public class InventedFactsScorerTests
{
    private readonly InventedFactsScorer _scorer = new(FactCatalog.TechFlow());

    [Fact]
    public async Task ScoreAsync_LabPricingAnswer_Passes()
    {
        var score = await _scorer.ScoreAsync(ScorerTestContext.For(TechFlowAnswers.Pricing));

        Assert.Equal(ScoreOutcome.Pass, score.Outcome);
    }

    [Fact]
    public async Task ScoreAsync_UnknownPricePlanAndUrl_FailsListingEach()
    {
        var answer = "Our **Premium**: $99/mo plan is great! Sign up at https://techflow.io/premium.";

        var score = await _scorer.ScoreAsync(ScorerTestContext.For(answer));

        Assert.Equal(ScoreOutcome.Fail, score.Outcome);
        Assert.Contains("price $99", score.Reason, StringComparison.Ordinal);
        Assert.Contains("plan 'Premium'", score.Reason, StringComparison.Ordinal);
        Assert.Contains("URL https://techflow.io/premium", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_InventedIntegrationAndForbiddenClaim_Fails()
    {
        var answer = "TechFlow integrates with Salesforce, and our phone support is open 24/7.";

        var score = await _scorer.ScoreAsync(ScorerTestContext.For(answer));

        Assert.Equal(ScoreOutcome.Fail, score.Outcome);
        Assert.Contains("feature 'Salesforce'", score.Reason, StringComparison.Ordinal);
        Assert.Contains("'phone support'", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_CaseMustNotInventPhrase_Fails()
    {
        var expectations = new TestExpectations { MustNotInvent = ["full refund within 90 days"] };

        var score = await _scorer.ScoreAsync(ScorerTestContext.For("You get a full refund within 90 days! 🎉", expectations));

        Assert.Equal(ScoreOutcome.Fail, score.Outcome);
        Assert.Contains("full refund within 90 days", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NullCatalog_Throws()
    {
        Assert.Throws<ArgumentNullException>("catalog", () => new InventedFactsScorer(null!));
    }
}
