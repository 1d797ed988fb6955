using FineTuning.Toolkit.Comparison.Statistics;

namespace FineTuning.Toolkit.Tests.Comparison.Statistics;

public class WilsonIntervalTests
{
    [Theory]
    [InlineData(9, 10, 0.5958, 0.9821)]
    [InlineData(20, 20, 0.8389, 1.0)]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(50, 100, 0.4038, 0.5962)]
    public void Compute_KnownCounts_MatchesPublishedBounds(int successes, int trials, double lower, double upper)
    {
        var interval = WilsonInterval.Compute(successes, trials);

        Assert.Equal(lower, interval.Lower, 4);
        Assert.Equal(upper, interval.Upper, 4);
        Assert.Equal((double)successes / trials, interval.Rate, 10);
    }

    [Fact]
    public void Compute_NoTrials_IsWholeRange()
    {
        var interval = WilsonInterval.Compute(0, 0);

        Assert.Equal(0, interval.Lower);
        Assert.Equal(1, interval.Upper);
    }

    [Fact]
    public void Compute_MoreSuccessesThanTrials_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>("successes", () => WilsonInterval.Compute(11, 10));
    }
}
