namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>One model's results on one criterion: counts and the pass rate with its Wilson 95% interval.</summary>
/// <param name="Model">The model.</param>
/// <param name="Criterion">The criterion.</param>
/// <param name="Passed">Passing answers.</param>
/// <param name="Failed">Failing answers.</param>
/// <param name="Errors">Answers that could not be scored (counted as not passing).</param>
/// <param name="NotApplicable">Answers to which the criterion does not apply (not counted).</param>
/// <param name="Interval">The pass rate over passed + failed + errors, with its interval.</param>
public sealed record CriterionSummary(string Model, string Criterion, int Passed, int Failed, int Errors, int NotApplicable, ProportionInterval Interval)
{
    /// <summary>Gets the scored answers (passed + failed + errors).</summary>
    public int Trials => Passed + Failed + Errors;
}
