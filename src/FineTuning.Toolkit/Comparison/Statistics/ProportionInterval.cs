namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>A pass rate over independent units (cases) with its interval.</summary>
/// <param name="Successes">The successes; fractional when a case's repeats disagree (the case counts its pass share).</param>
/// <param name="Trials">The independent units.</param>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound.</param>
internal readonly record struct ProportionInterval(double Successes, int Trials, double Lower, double Upper)
{
    public double Rate => Trials == 0 ? 0 : Successes / Trials;
}
