namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>
/// One model's results on one criterion. The counts are of answers; the rate and its Wilson 95% interval are over
/// <see cref="Cases"/>, the independent units: each case counts once, with the share of its repeats that passed, so
/// repeating the same answers does not narrow the interval.
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Criterion">The criterion.</param>
/// <param name="Passed">Passing answers.</param>
/// <param name="Failed">Failing answers.</param>
/// <param name="Errors">Answers that could not be scored (counted as not passing).</param>
/// <param name="NotApplicable">Answers to which the criterion does not apply (not counted).</param>
/// <param name="Cases">The independent cases with at least one scored answer.</param>
/// <param name="Rate">The pass rate: the mean over cases of each case's pass share.</param>
/// <param name="Lower">The lower bound of the Wilson 95% interval over cases.</param>
/// <param name="Upper">The upper bound of the Wilson 95% interval over cases.</param>
public sealed record CriterionSummary(string Model, string Criterion, int Passed, int Failed, int Errors, int NotApplicable, int Cases, double Rate, double Lower, double Upper)
{
    /// <summary>Gets the scored answers (passed + failed + errors).</summary>
    public int Trials => Passed + Failed + Errors;

    /// <summary>Gets the share of scored answers that errored.</summary>
    public double ErrorRate => Trials == 0 ? 0 : (double)Errors / Trials;
}
