using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>
/// A pass/fail condition on one model's results, evaluated with the reason and the figures. Rates are over independent
/// cases (a case's repeats are one unit), and every message gives the number of cases. Gates fail closed: missing
/// results fail, errors count as not passing, and <see cref="ErrorBudget"/> fails a model when any of its criteria or
/// pairwise verdicts err too often. <see cref="Lab"/> gives the lab's success criteria, <see cref="Migration"/> the
/// non-inferiority of a replacement against the model it replaces.
/// </summary>
public sealed class SuccessGate
{
    private readonly Func<ComparisonReport, string, string, GateResult> _evaluate;

    private SuccessGate(string name, Func<ComparisonReport, string, string, GateResult> evaluate)
    {
        Name = name;
        _evaluate = evaluate;
    }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Requires the lower bound of the Wilson 95% interval (over cases) of a criterion's pass rate to reach a threshold.</summary>
    /// <param name="criterion">The criterion.</param>
    /// <param name="threshold">The threshold between 0 and 1.</param>
    /// <param name="name">An optional name.</param>
    /// <returns>The gate; its results say how many cases the interval needs to clear the bar at the observed rate.</returns>
    public static SuccessGate MinimumLowerBound(string criterion, double threshold, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(criterion);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1);
        return new SuccessGate(
            name ?? Format($"{criterion} ≥ {threshold:P0} at the 95% lower bound"),
            (report, model, gate) =>
            {
                if (report.GetSummary(model, criterion) is not { Cases: > 0 } s)
                {
                    return new GateResult(gate, model, false, $"no {criterion} results");
                }

                var passed = s.Lower >= threshold;
                var needed = WilsonInterval.CasesNeeded(s.Rate, threshold);
                var reason = Format($"{s.Rate:P1} over {s.Cases} cases, 95% CI [{s.Lower:P1}, {s.Upper:P1}]; lower bound {(passed ? "≥" : "<")} {threshold:P0}");
                if (!passed)
                {
                    reason += needed is { } n
                        ? Format($" (at this rate the interval clears {threshold:P0} with ≥ {n} cases; add {n - s.Cases} more cases)")
                        : Format($" (the pass rate itself is not above {threshold:P0}; more cases will not change that)");
                }

                return new GateResult(gate, model, passed, reason) { Cases = s.Cases, CasesNeeded = needed };
            });
    }

    /// <summary>Requires every applicable answer to pass, on at least a minimum number of cases.</summary>
    /// <param name="criterion">The criterion.</param>
    /// <param name="minimumCases">The minimum number of cases the criterion applies to.</param>
    /// <param name="name">An optional name.</param>
    /// <returns>The gate.</returns>
    public static SuccessGate AllPass(string criterion, int minimumCases, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(criterion);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumCases);
        return new SuccessGate(
            name ?? Format($"{criterion} right on all (at least {minimumCases}) cases"),
            (report, model, gate) =>
            {
                var s = report.GetSummary(model, criterion);
                var cases = s?.Cases ?? 0;
                if (s is null || cases < minimumCases)
                {
                    return new GateResult(gate, model, false, Format($"only {cases} {criterion} cases were scored; at least {minimumCases} cases are required")) { Cases = cases, CasesNeeded = minimumCases };
                }

                var passed = s.Passed == s.Trials;
                var reason = passed
                    ? Format($"all {cases} cases passed")
                    : Format($"{s.Failed + s.Errors} of {s.Trials} answers failed or errored, over {cases} cases");
                return new GateResult(gate, model, passed, reason) { Cases = cases, CasesNeeded = minimumCases };
            });
    }

    /// <summary>Requires zero failures and errors on a criterion (for example zero invented facts).</summary>
    /// <param name="criterion">The criterion.</param>
    /// <param name="name">An optional name.</param>
    /// <returns>The gate.</returns>
    public static SuccessGate NoFailures(string criterion, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(criterion);
        return new SuccessGate(
            name ?? $"0 {criterion} failures",
            (report, model, gate) =>
            {
                if (report.GetSummary(model, criterion) is not { Cases: > 0 } s)
                {
                    return new GateResult(gate, model, false, $"no {criterion} results");
                }

                var passed = s.Failed + s.Errors == 0;
                var reason = passed
                    ? Format($"0 failures over {s.Cases} cases")
                    : Format($"{s.Failed} failures and {s.Errors} errors in {s.Trials} answers over {s.Cases} cases");
                return new GateResult(gate, model, passed, reason) { Cases = s.Cases };
            });
    }

    /// <summary>Requires the point estimate of a criterion's pass rate (over cases) to reach a threshold.</summary>
    /// <param name="criterion">The criterion.</param>
    /// <param name="threshold">The threshold between 0 and 1.</param>
    /// <param name="name">An optional name.</param>
    /// <returns>The gate.</returns>
    public static SuccessGate MinimumPassRate(string criterion, double threshold, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(criterion);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1);
        return new SuccessGate(
            name ?? Format($"{criterion} ≥ {threshold:P0}"),
            (report, model, gate) =>
            {
                if (report.GetSummary(model, criterion) is not { Cases: > 0 } s)
                {
                    return new GateResult(gate, model, false, $"no {criterion} results");
                }

                var passed = s.Rate >= threshold;
                var reason = Format($"{s.Rate:P1} over {s.Cases} cases {(passed ? "≥" : "<")} {threshold:P0} (95% CI [{s.Lower:P1}, {s.Upper:P1}])");
                return new GateResult(gate, model, passed, reason) { Cases = s.Cases };
            });
    }

    /// <summary>
    /// Fails closed on errors: requires the share of errors (failed model calls, judge failures, unreadable verdicts) to
    /// stay within a budget on every criterion of the model and on the pairwise verdicts that involve it.
    /// </summary>
    /// <param name="maximumErrorRate">The largest tolerated share of <see cref="ScoreOutcome.Error"/> outcomes, 0 to 1.</param>
    /// <param name="name">An optional name.</param>
    /// <returns>The gate.</returns>
    public static SuccessGate ErrorBudget(double maximumErrorRate, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumErrorRate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maximumErrorRate, 1);
        return new SuccessGate(
            name ?? Format($"errors ≤ {maximumErrorRate:P0} on every criterion and judge"),
            (report, model, gate) =>
            {
                var rates = report.Summaries
                    .Where(s => s.Model == model && s.Trials > 0)
                    .Select(s => (Source: s.Criterion, s.Errors, Count: s.Trials))
                    .ToList();
                var verdicts = report.Pairwise.Where(p => p.ModelA == model || p.ModelB == model).ToList();
                if (verdicts.Count > 0)
                {
                    rates.Add(("pairwise judge", verdicts.Count(p => p.Outcome == PairwiseOutcome.Error), verdicts.Count));
                }

                var over = rates.Where(r => (double)r.Errors / r.Count > maximumErrorRate).ToList();
                var errors = rates.Sum(r => r.Errors);
                var reason = over.Count == 0
                    ? Format($"{errors} errors; every criterion and judge within {maximumErrorRate:P0}")
                    : string.Join("; ", over.Select(r => Format($"{r.Source}: {r.Errors} errors in {r.Count} = {(double)r.Errors / r.Count:P1} > {maximumErrorRate:P0}")));
                return new GateResult(gate, model, over.Count == 0, reason);
            });
    }

    /// <summary>
    /// Requires a model to be no worse than the report's baseline (its first model, for example a replayed
    /// <see cref="Golden.GoldenRecord"/>) on a criterion by more than a margin: over the cases both were scored on, the
    /// lower bound of the 95% interval of the difference of pass rates (candidate minus baseline, Tango's score interval
    /// for paired cases) must lie above <c>-margin</c>. Fails closed: too few paired cases, an interval that reaches below
    /// the margin ("insufficient evidence") and a baseline whose own results erred beyond the error budget all fail.
    /// The baseline itself passes.
    /// </summary>
    /// <param name="criterion">The criterion.</param>
    /// <param name="margin">The largest tolerated loss in pass rate, 0 to 1 (0.10 = 10 percentage points).</param>
    /// <param name="minimumCases">The fewest paired cases the gate reads an interval from.</param>
    /// <param name="name">An optional name.</param>
    /// <returns>
    /// The gate; its reason gives both rates, the difference with its interval, McNemar's p-value and the regressed cases,
    /// and <see cref="GateResult.CasesNeeded"/> how many cases would clear the margin at the observed difference.
    /// </returns>
    public static SuccessGate NoWorseThanBaseline(string criterion, double margin, int minimumCases = 10, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(criterion);
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(margin, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumCases);
        return new SuccessGate(
            name ?? Format($"{criterion} no worse than the baseline by more than {margin * 100:0.#} points (95% CI)"),
            (report, model, gate) => NonInferiorityGate.Evaluate(report, model, gate, criterion, margin, minimumCases));
    }

    /// <summary>
    /// Creates the gates of a migration: the lab's success criteria (format, escalation, invented facts, tone) each
    /// <see cref="NoWorseThanBaseline"/> than the baseline, the model being replaced (typically its golden record). With
    /// the comparer's <see cref="ErrorBudget"/>, a candidate that passes them all is a go; insufficient evidence is not.
    /// </summary>
    /// <param name="margin">The largest tolerated loss in pass rate on each criterion, 0 to 1.</param>
    /// <param name="minimumCases">The fewest paired cases each criterion needs.</param>
    /// <returns>The gates.</returns>
    public static IReadOnlyList<SuccessGate> Migration(double margin = 0.10, int minimumCases = 10) =>
    [
        NoWorseThanBaseline(Criteria.Format, margin, minimumCases),
        NoWorseThanBaseline(Criteria.Escalation, margin, minimumCases),
        NoWorseThanBaseline(Criteria.NoInventedFacts, margin, minimumCases),
        NoWorseThanBaseline(Criteria.Tone, margin, minimumCases),
    ];

    /// <summary>Creates the lab's success gates.</summary>
    /// <returns>Format ≥ 90% at the lower bound, escalation right on all of at least 5 cases, 0 invented facts, tone consistent on ≥ 90%.</returns>
    public static IReadOnlyList<SuccessGate> Lab() =>
    [
        MinimumLowerBound(Criteria.Format, 0.9, "format ≥ 90% at the 95% lower bound"),
        AllPass(Criteria.Escalation, 5, "escalation right on all of ≥ 5 cases"),
        NoFailures(Criteria.NoInventedFacts, "0 invented facts"),
        MinimumPassRate(Criteria.Tone, 0.9, "consistent tone on ≥ 90% of cases"),
    ];

    /// <summary>Evaluates the gate for one model.</summary>
    /// <param name="report">The report.</param>
    /// <param name="model">The model.</param>
    /// <returns>The result with its reason.</returns>
    public GateResult Evaluate(ComparisonReport report, string model)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(model);
        return _evaluate(report, model, Name);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static string Format(FormattableString text) => Reports.ReportFormat.Format(text);
}
