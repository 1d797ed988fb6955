using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Tests.Comparison.Scorers;

public class FormatRulesTests
{
    private const string EmojiBeforeBold =
        "📊 **Export report**\n\nHappy to help — here is how! 😊\n1. Go to techflow.com/settings/export\n2. Choose CSV\n\nLet me know if the download link doesn't arrive!";

    private const string MarkdownHeading =
        "### Export your data\n\nHappy to help — here is how! 📦\n1. Go to techflow.com/settings/export\n2. Choose CSV\n\nLet me know if the download link doesn't arrive!";

    [Theory]
    [InlineData(EmojiBeforeBold)]
    [InlineData(MarkdownHeading)]
    [InlineData("🛡️ ### Security settings\n\nHappy to help! Open techflow.com/settings/security and turn it on.\n\nLet me know if anything is unclear!")]
    public async Task FormatCompliance_HeadingsUsersWrite_Pass(string answer)
    {
        var score = await Scorer.FormatCompliance().ScoreAsync(ScorerTestContext.For(answer));

        Assert.Equal(ScoreOutcome.Pass, score.Outcome);
    }

    [Fact]
    public async Task FormatCompliance_SuiteDisallowsMarkdownHeadings_SuiteRulesWin()
    {
        var suite = new TestSuite("strict", [TestCase.FromPrompt("export", "How do I export my data?")])
        {
            FormatRules = new FormatRules { AllowMarkdownHeadings = false },
        };
        var context = new ScoringContext(suite.Cases[0], "model", MarkdownHeading) { FormatRules = suite.FormatRules };

        var score = await Scorer.FormatCompliance(new FormatRules()).ScoreAsync(context);

        Assert.Equal(ScoreOutcome.Fail, score.Outcome);
        Assert.Contains("no bold heading", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareAsync_SuiteFormatRules_ReachTheFormatScorer()
    {
        var cases = new[] { TestCase.FromPrompt("export", "How do I export my data?") };
        var lenient = new TestSuite("lenient", cases);
        var strict = new TestSuite("strict", cases) { FormatRules = new FormatRules { AllowEmojiBeforeHeading = false } };
        var comparer = new ModelComparer(ComparisonFixtures.Options());
        var client = TestChatClient.Answering(_ => EmojiBeforeBold, "ft");

        var lenientReport = await comparer.CompareAsync(lenient, new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", client));
        var strictReport = await comparer.CompareAsync(strict, new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", client));

        Assert.Equal(1, lenientReport.GetSummary("ft", Criteria.Format)!.Passed);
        Assert.Equal(0, strictReport.GetSummary("ft", Criteria.Format)!.Passed);
    }
}
