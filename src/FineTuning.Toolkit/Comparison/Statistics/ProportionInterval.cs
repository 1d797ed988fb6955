namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>A pass rate with its confidence interval.</summary>
/// <param name="Successes">The passes.</param>
/// <param name="Trials">The trials.</param>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound.</param>
public readonly record struct ProportionInterval(int Successes, int Trials, double Lower, double Upper)
{
    /// <summary>Gets the point estimate (0 when there are no trials).</summary>
    public double Rate => Trials == 0 ? 0 : (double)Successes / Trials;
}
