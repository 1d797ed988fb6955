using FineTuning.Toolkit.Comparison.Statistics;

namespace FineTuning.Toolkit.Tests.Comparison.Statistics;

public class BinomialTestTests
{
    [Theory]
    [InlineData(1, 9, 22.0 / 1024)]
    [InlineData(9, 1, 22.0 / 1024)]
    [InlineData(0, 6, 2.0 / 64)]
    [InlineData(2, 8, 112.0 / 1024)]
    [InlineData(5, 5, 1.0)]
    [InlineData(0, 0, 1.0)]
    [InlineData(0, 1, 1.0)]
    public void McNemarExact_KnownDiscordantCounts_ExactPValue(int onlyFirst, int onlySecond, double expected)
    {
        Assert.Equal(expected, BinomialTest.McNemarExact(onlyFirst, onlySecond), 12);
    }

    [Fact]
    public void SignTest_LargeCounts_StaysFiniteAndSmall()
    {
        var p = BinomialTest.SignTest(900, 1100);

        Assert.InRange(p, 1e-7, 1e-4);
    }

    [Fact]
    public void TwoSidedPValue_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>("first", () => BinomialTest.TwoSidedPValue(-1, 2));
    }
}
