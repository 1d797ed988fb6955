using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Tests.Comparison.Scorers;

public class ToneConsistencyScorerTests
{
    [Fact]
    public void ScoreSuite_ConsistentFriendlyAnswers_AllPass()
    {
        var contexts = Enumerable.Range(0, 5).Select(_ => ScorerTestContext.For(TechFlowAnswers.Formatted)).ToList();

        var scores = new ToneConsistencyScorer().ScoreSuite(contexts);

        Assert.All(scores, s => Assert.Equal(ScoreOutcome.Pass, s.Outcome));
    }

    [Fact]
    public void ScoreSuite_OddOneOut_FailsOnlyTheOutlier()
    {
        var contexts = new List<ScoringContext>
        {
            ScorerTestContext.For(TechFlowAnswers.Formatted),
            ScorerTestContext.For(TechFlowAnswers.Pricing),
            ScorerTestContext.For(TechFlowAnswers.Escalating),
            ScorerTestContext.For("READ THE DOCS. It is OBVIOUSLY in settings, dude."),
        };

        var scores = new ToneConsistencyScorer().ScoreSuite(contexts);

        Assert.Equal([ScoreOutcome.Pass, ScoreOutcome.Pass, ScoreOutcome.Pass, ScoreOutcome.Fail], scores.Select(s => s.Outcome));
        Assert.Contains("no emoji unlike most answers", scores[3].Reason, StringComparison.Ordinal);
        Assert.Contains("shouting", scores[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ConsistencyRate_HalfFriendly_IsHalf()
    {
        var rate = new ToneConsistencyScorer().ConsistencyRate([TechFlowAnswers.Formatted, TechFlowAnswers.Pricing, "Go to settings. 🔧", "Click reset. 🔧"]);

        Assert.Equal(0.5, rate);
    }
}
