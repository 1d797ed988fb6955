using FineTuning.Toolkit.Comparison.Statistics;

namespace FineTuning.Toolkit.Tests.Comparison.Statistics;

public class PercentileTests
{
    [Theory]
    [InlineData(50, 5.5)]
    [InlineData(95, 9.55)]
    [InlineData(0, 1)]
    [InlineData(100, 10)]
    public void Compute_OneToTen_LinearInterpolation(double percentile, double expected)
    {
        var values = new double[] { 7, 1, 2, 10, 3, 4, 5, 6, 8, 9 };

        Assert.Equal(expected, Percentile.Compute(values, percentile), 10);
    }

    [Fact]
    public void Compute_Empty_IsZero()
    {
        Assert.Equal(0, Percentile.Compute([], 50));
    }
}
