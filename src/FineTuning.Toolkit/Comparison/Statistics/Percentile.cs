namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>Percentiles by linear interpolation between closest ranks (the common "type 7" definition).</summary>
internal static class Percentile
{
    /// <summary>Computes a percentile.</summary>
    /// <param name="values">The values, in any order.</param>
    /// <param name="percentile">The percentile between 0 and 100.</param>
    /// <returns>The percentile, or 0 for no values.</returns>
    public static double Compute(IEnumerable<double> values, double percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = percentile / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
