namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>The Wilson score interval of a proportion.</summary>
internal static class WilsonInterval
{
    /// <summary>The two-sided 95% normal quantile.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Computes the interval of <paramref name="successes"/> in <paramref name="trials"/> independent units.</summary>
    /// <param name="successes">The successes, 0 to <paramref name="trials"/>; may be fractional (a case's pass share over its repeats).</param>
    /// <param name="trials">The independent units.</param>
    /// <param name="z">The normal quantile.</param>
    public static ProportionInterval Compute(double successes, int trials, double z = Z95)
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
        var upper = successes >= trials ? 1 : Math.Min(1, centre + half);
        return new ProportionInterval(successes, trials, lower, upper);
    }

    /// <summary>The fewest independent cases whose lower bound reaches <paramref name="threshold"/> at pass rate <paramref name="rate"/>, or <see langword="null"/> when none does.</summary>
    public static int? CasesNeeded(double rate, double threshold)
    {
        if (rate <= threshold && threshold > 0)
        {
            return null;
        }

        for (var n = 1; n <= 100_000; n++)
        {
            if (Compute(rate * n, n).Lower >= threshold)
            {
                return n;
            }
        }

        return null;
    }
}
