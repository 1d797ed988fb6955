namespace FineTuning.Toolkit.Validation.Json;

/// <summary>The JSON shape of a distribution (mean and percentiles rounded to 4 decimals).</summary>
internal sealed record DistributionDocument(long Min, long Max, double Mean, double Median, double P5, double P95)
{
    public static DistributionDocument From(DistributionStatistics d) =>
        new(d.Min, d.Max, Math.Round(d.Mean, 4), d.Median, Math.Round(d.P5, 4), Math.Round(d.P95, 4));
}
