namespace FineTuning.Toolkit.Validation;

/// <summary>The distribution of one per-example quantity (tokens, assistant tokens, messages).</summary>
/// <param name="Count">The number of examples measured.</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="Mean">The mean.</param>
/// <param name="Median">The median.</param>
/// <param name="P5">The 5th percentile (linear interpolation, as numpy's default).</param>
/// <param name="P95">The 95th percentile (linear interpolation, as numpy's default).</param>
internal sealed record DistributionStatistics(int Count, long Min, long Max, double Mean, double Median, double P5, double P95)
{
    /// <summary>Gets the statistics of no values (all zero).</summary>
    public static DistributionStatistics Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);
}
