using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Tests.Validation;

public class HistogramTests
{
    [Fact]
    public void ToStatistics_Values_MatchNumpyLinearQuantiles()
    {
        var histogram = new Histogram();
        foreach (var value in new[] { 4, 1, 100, 3, 2 })
        {
            histogram.Add(value);
        }

        var stats = histogram.ToStatistics();

        // numpy: median([1,2,3,4,100]) = 3; quantile(.05) = 1 + 0.2 × 1 = 1.2; quantile(.95) = 4 + 0.8 × 96 = 80.8.
        Assert.Equal(5, stats.Count);
        Assert.Equal(1, stats.Min);
        Assert.Equal(100, stats.Max);
        Assert.Equal(22, stats.Mean, 10);
        Assert.Equal(3, stats.Median, 10);
        Assert.Equal(1.2, stats.P5, 10);
        Assert.Equal(80.8, stats.P95, 10);
    }

    [Fact]
    public void ToStatistics_RepeatedValues_UsesCounts()
    {
        var histogram = new Histogram();
        for (var i = 0; i < 1000; i++)
        {
            histogram.Add(i % 2 == 0 ? 10 : 20);
        }

        var stats = histogram.ToStatistics();

        Assert.Equal(15, stats.Median);
        Assert.Equal(10, stats.P5);
        Assert.Equal(20, stats.P95);
    }

    [Fact]
    public void ToStatistics_Empty_IsZero()
    {
        Assert.Same(DistributionStatistics.Empty, new Histogram().ToStatistics());
    }
}
