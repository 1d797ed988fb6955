namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>
/// Tango's asymptotic score interval (Statistics in Medicine 17, 1998) for the difference of two paired pass rates:
/// candidate minus baseline over the same cases. It stays inside [-1, 1], is defined with no discordant case
/// (20 cases both models pass give [-16.1, +16.1] points, the width of the Wilson interval of 20/20), and is the
/// interval recommended for paired binary data; non-inferiority reads its lower bound.
/// </summary>
internal static class PairedDifferenceInterval
{
    private const int Iterations = 100;

    /// <summary>Computes the interval of (candidate − baseline) pass rates.</summary>
    /// <param name="onlyBaselinePassed">Cases only the baseline passed.</param>
    /// <param name="onlyCandidatePassed">Cases only the candidate passed.</param>
    /// <param name="pairs">All paired cases (concordant ones included).</param>
    /// <param name="z">The normal quantile.</param>
    /// <returns>The observed difference and its bounds; the whole range [-1, 1] with no pairs.</returns>
    public static (double Difference, double Lower, double Upper) Compute(double onlyBaselinePassed, double onlyCandidatePassed, double pairs, double z = WilsonInterval.Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onlyBaselinePassed);
        ArgumentOutOfRangeException.ThrowIfNegative(onlyCandidatePassed);
        if (onlyBaselinePassed + onlyCandidatePassed > pairs * (1 + 1e-12))
        {
            throw new ArgumentOutOfRangeException(nameof(pairs), pairs, "The pairs must include the discordant cases.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(z);
        if (pairs == 0)
        {
            return (0, -1, 1);
        }

        var difference = (onlyCandidatePassed - onlyBaselinePassed) / pairs;
        var lower = difference <= -1 ? -1 : Solve(-1, difference, z, onlyBaselinePassed, onlyCandidatePassed, pairs);
        var upper = difference >= 1 ? 1 : Solve(difference, 1, -z, onlyBaselinePassed, onlyCandidatePassed, pairs);
        return (difference, lower, upper);
    }

    /// <summary>
    /// The fewest paired cases whose lower bound is above <c>-margin</c> when the observed shares of discordant cases stay
    /// as they are, or <see langword="null"/> when the observed difference is not above <c>-margin</c> (no number of cases would do).
    /// </summary>
    public static int? CasesNeeded(int onlyBaselinePassed, int onlyCandidatePassed, int pairs, double margin)
    {
        if (pairs == 0 || (double)(onlyCandidatePassed - onlyBaselinePassed) / pairs <= -margin)
        {
            return null;
        }

        bool Clears(int n)
        {
            var scale = (double)n / pairs;
            return Compute(onlyBaselinePassed * scale, onlyCandidatePassed * scale, n).Lower > -margin;
        }

        // The lower bound rises with the number of cases at fixed shares: double until it clears, then bisect.
        var high = 1;
        while (!Clears(high))
        {
            if (high >= 1_000_000)
            {
                return null;
            }

            high *= 2;
        }

        var low = high / 2;
        while (high - low > 1)
        {
            var mid = low + ((high - low) / 2);
            (low, high) = Clears(mid) ? (low, mid) : (mid, high);
        }

        return high;
    }

    /// <summary>Tango's score statistic for a hypothesised difference, with the restricted maximum-likelihood estimate of the nuisance cell.</summary>
    internal static double Score(double delta, double onlyBaseline, double onlyCandidate, double pairs)
    {
        var a = 2 * pairs;
        var b = -onlyBaseline - onlyCandidate + (((2 * pairs) - onlyCandidate + onlyBaseline) * delta);
        var c = -onlyBaseline * delta * (1 - delta);
        var nuisance = (Math.Sqrt(Math.Max(0, (b * b) - (4 * a * c))) - b) / (2 * a);
        var numerator = onlyCandidate - onlyBaseline - (pairs * delta);
        var variance = pairs * ((2 * nuisance) + (delta * (1 - delta)));
        if (variance <= 1e-15)
        {
            return numerator > 0 ? double.PositiveInfinity : numerator < 0 ? double.NegativeInfinity : 0;
        }

        return numerator / Math.Sqrt(variance);
    }

    /// <summary>Bisects for the difference in [<paramref name="low"/>, <paramref name="high"/>] whose score equals <paramref name="target"/> (the score falls as the difference rises).</summary>
    private static double Solve(double low, double high, double target, double onlyBaseline, double onlyCandidate, double pairs)
    {
        if (target > 0 && Score(low, onlyBaseline, onlyCandidate, pairs) <= target)
        {
            return low;
        }

        if (target < 0 && Score(high, onlyBaseline, onlyCandidate, pairs) >= target)
        {
            return high;
        }

        for (var i = 0; i < Iterations; i++)
        {
            var mid = (low + high) / 2;
            if (Score(mid, onlyBaseline, onlyCandidate, pairs) > target)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }
}
