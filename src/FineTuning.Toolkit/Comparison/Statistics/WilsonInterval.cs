namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>
/// The Wilson score interval for a binomial proportion: unlike the normal approximation it stays inside [0, 1] and is
/// honest for small samples and rates near 0 or 1 (20 of 20 passes gives a lower bound of 0.84, not 1).
/// </summary>
public static class WilsonInterval
{
    /// <summary>The z value of a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Computes the interval.</summary>
    /// <param name="successes">The passes.</param>
    /// <param name="trials">The trials.</param>
    /// <param name="z">The standard-normal quantile; defaults to 95%.</param>
    /// <returns>The interval; [0, 1] when there are no trials.</returns>
    public static ProportionInterval Compute(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(z);
        if (trials == 0)
        {
            return new ProportionInterval(0, 0, 0, 1);
        }

        double n = trials;
        var p = successes / n;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / denominator;
        var lower = successes == 0 ? 0 : Math.Max(0, centre - half);
        var upper = successes == trials ? 1 : Math.Min(1, centre + half);
        return new ProportionInterval(successes, trials, lower, upper);
    }
}
