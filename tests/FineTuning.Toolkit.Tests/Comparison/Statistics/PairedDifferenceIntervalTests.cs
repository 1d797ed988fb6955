using FineTuning.Toolkit.Comparison.Statistics;

namespace FineTuning.Toolkit.Tests.Comparison.Statistics;

public class PairedDifferenceIntervalTests
{
    [Theory]
    [InlineData(0, 0, 20, 0.0, -0.1611, 0.1611)]   // 20 concordant cases: the width of the Wilson interval of 20/20
    [InlineData(16, 6, 161, -0.0621, -0.1240, -0.0054)]
    [InlineData(40, 20, 160, -0.125, -0.2181, -0.0309)]
    [InlineData(0, 3, 20, 0.15, -0.0353, 0.3604)]
    public void Compute_KnownTables_MatchesTangoScoreInterval(int onlyBaseline, int onlyCandidate, int pairs, double difference, double lower, double upper)
    {
        var interval = PairedDifferenceInterval.Compute(onlyBaseline, onlyCandidate, pairs);

        Assert.Equal(difference, interval.Difference, 4);
        Assert.Equal(lower, interval.Lower, 4);
        Assert.Equal(upper, interval.Upper, 4);
    }

    [Fact]
    public void Compute_Bounds_HaveScoreOfPlusMinusZ()
    {
        var (_, lower, upper) = PairedDifferenceInterval.Compute(7, 2, 30);

        Assert.Equal(WilsonInterval.Z95, PairedDifferenceInterval.Score(lower, 7, 2, 30), 6);
        Assert.Equal(-WilsonInterval.Z95, PairedDifferenceInterval.Score(upper, 7, 2, 30), 6);
    }

    [Fact]
    public void Compute_SwappedModels_MirrorsTheInterval()
    {
        var forward = PairedDifferenceInterval.Compute(5, 1, 25);
        var backward = PairedDifferenceInterval.Compute(1, 5, 25);

        Assert.Equal(-forward.Lower, backward.Upper, 10);
        Assert.Equal(-forward.Upper, backward.Lower, 10);
    }

    [Fact]
    public void Compute_NoPairs_IsTheWholeRange()
    {
        Assert.Equal((0.0, -1.0, 1.0), PairedDifferenceInterval.Compute(0, 0, 0));
    }

    [Fact]
    public void Compute_AllCasesOnlyBaselinePassed_LowerBoundIsMinusOne()
    {
        var (difference, lower, upper) = PairedDifferenceInterval.Compute(10, 0, 10);

        Assert.Equal(-1, difference);
        Assert.Equal(-1, lower);
        Assert.Equal(-0.4449, upper, 4);
    }

    [Theory]
    [InlineData(0.10, 35)]   // as the Wilson bound of n/n: 35 cases clear 90%
    [InlineData(0.05, 73)]
    public void CasesNeeded_ConcordantCases_MatchesTheWilsonCount(double margin, int expected)
    {
        Assert.Equal(expected, PairedDifferenceInterval.CasesNeeded(0, 0, 20, margin));
    }

    [Fact]
    public void CasesNeeded_DiscordantCases_IsTheFewestThatClear()
    {
        var needed = PairedDifferenceInterval.CasesNeeded(3, 3, 40, 0.10)!.Value;

        Assert.True(PairedDifferenceInterval.Compute(3.0 * needed / 40, 3.0 * needed / 40, needed).Lower > -0.10);
        Assert.False(PairedDifferenceInterval.Compute(3.0 * (needed - 1) / 40, 3.0 * (needed - 1) / 40, needed - 1).Lower > -0.10);
        Assert.True(needed > 40, $"{needed}");
    }

    [Fact]
    public void CasesNeeded_EveryCaseDiscordant_ScalesWithoutRoundingPastThePairs()
    {
        var needed = PairedDifferenceInterval.CasesNeeded(3, 7, 10, 0.10);

        Assert.NotNull(needed);
        Assert.True(PairedDifferenceInterval.Compute(3.0 * needed!.Value / 10, 7.0 * needed.Value / 10, needed.Value).Lower > -0.10);
    }

    [Fact]
    public void Compute_MoreDiscordantCasesThanPairs_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>("pairs", () => PairedDifferenceInterval.Compute(6, 5, 10));
    }

    [Fact]
    public void CasesNeeded_ObservedDifferenceBeyondTheMargin_IsNull()
    {
        Assert.Null(PairedDifferenceInterval.CasesNeeded(6, 0, 40, 0.10));
    }
}
