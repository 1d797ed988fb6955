namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>
/// A pass/fail condition on one model's results, evaluated with the reason and the figures. <see cref="Lab"/> gives the
/// lab's success criteria: format compliance of at least 90% at the Wilson lower bound, escalation right on (at least)
/// 5 of 5 cases, no invented facts, and a consistent tone on at least 90% of the answers.
/// </summary>
public sealed class SuccessGate
{
    private readonly Func<ComparisonReport, string, (bool Passed, string Reason)> _evaluate;

    private SuccessGate(string name, Func<ComparisonReport, string, (bool Passed, string Reason)> evaluate)
    {
        Name = name;
        _evaluate = evaluate;
    }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Requires the lower bound of the Wilson 95% interval of a criterion's pass rate to reach a threshold.</summary>
    /// <param name="criterion">The criterion.</param>
    /// <param name="threshold">The threshold between 0 and 1.</param>
    /// <param name="name">An optional name.</param>
    /// <returns>The gate.</returns>
    public static SuccessGate MinimumLowerBound(string criterion, double threshold, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(criterion);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1);
        return new SuccessGate(
            name ?? Format($"{criterion} ≥ {threshold:P0} at the 95% lower bound"),
            (report, model) =>
            {
                if (report.GetSummary(model, criterion) is not { Trials: > 0 } s)
                {
                    return (false, $"no {criterion} results");
                }

                var passed = s.Interval.Lower >= threshold;
                var reason = Format($"{s.Passed}/{s.Trials} = {s.Interval.Rate:P1}, 95% CI [{s.Interval.Lower:P1}, {s.Interval.Upper:P1}]; lower bound {(passed ? "≥" : "<")} {threshold:P0}");
                if (!passed && s.Passed == s.Trials)
                {
                    reason += Format($" (even all passes need ≥ {MinimumTrialsForLowerBound(threshold)} scored answers; add cases or repeats)");
                }

                return (passed, reason);
            });
    }

    /// <summary>Requires every applicable answer to pass, with at least a minimum number of applicable answers.</summary>
    /// <param name="criterion">The criterion.</param>
    /// <param name="minimumCases">The minimum number of applicable answers.</param>
    /// <param name="name">An optional name.</param>
    /// <returns>The gate.</returns>
    public static SuccessGate AllPass(string criterion, int minimumCases, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(criterion);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumCases);
        return new SuccessGate(
            name ?? Format($"{criterion} right on all (at least {minimumCases}) cases"),
            (report, model) =>
            {
                var s = report.GetSummary(model, criterion);
                var trials = s?.Trials ?? 0;
                var passes = s?.Passed ?? 0;
                if (trials < minimumCases)
                {
                    return (false, Format($"only {trials} {criterion} cases were scored; at least {minimumCases} are required"));
                }

                return passes == trials
                    ? (true, Format($"{passes}/{trials} passed"))
                    : (false, Format($"{passes}/{trials} passed ({trials - passes} failed or errored)"));
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
            (report, model) =>
            {
                if (report.GetSummary(model, criterion) is not { Trials: > 0 } s)
                {
                    return (false, $"no {criterion} results");
                }

                var bad = s.Failed + s.Errors;
                return bad == 0
                    ? (true, Format($"0 failures in {s.Trials} answers"))
                    : (false, Format($"{s.Failed} failures and {s.Errors} errors in {s.Trials} answers"));
            });
    }

    /// <summary>Requires the point estimate of a criterion's pass rate to reach a threshold.</summary>
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
            (report, model) =>
            {
                if (report.GetSummary(model, criterion) is not { Trials: > 0 } s)
                {
                    return (false, $"no {criterion} results");
                }

                var passed = s.Interval.Rate >= threshold;
                return (passed, Format($"{s.Passed}/{s.Trials} = {s.Interval.Rate:P1} {(passed ? "≥" : "<")} {threshold:P0} (95% CI [{s.Interval.Lower:P1}, {s.Interval.Upper:P1}])"));
            });
    }

    /// <summary>Requires the share of answers that could not be scored (model-call or judge errors) to stay within a budget.</summary>
    /// <param name="maximumErrorRate">The largest tolerated share of <see cref="Scorers.ScoreOutcome.Error"/> outcomes, 0 to 1.</param>
    /// <param name="name">An optional name.</param>
    /// <returns>The gate.</returns>
    public static SuccessGate ErrorBudget(double maximumErrorRate, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumErrorRate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maximumErrorRate, 1);
        return new SuccessGate(
            name ?? Format($"errors ≤ {maximumErrorRate:P0} of scores"),
            (report, model) =>
            {
                var summaries = report.Summaries.Where(s => s.Model == model).ToList();
                var errors = summaries.Sum(s => s.Errors);
                var trials = summaries.Sum(s => s.Trials);
                var rate = trials == 0 ? 0 : (double)errors / trials;
                var passed = rate <= maximumErrorRate;
                return (passed, Format($"{errors} errors in {trials} scores = {rate:P1} {(passed ? "≤" : ">")} {maximumErrorRate:P0}"));
            });
    }

    /// <summary>Creates the lab's success gates.</summary>
    /// <returns>Format ≥ 90% at the lower bound, escalation 5/5, 0 invented facts, tone consistent on ≥ 90%.</returns>
    public static IReadOnlyList<SuccessGate> Lab() =>
    [
        MinimumLowerBound(Scorers.Criteria.Format, 0.9, "format ≥ 90% at the 95% lower bound"),
        AllPass(Scorers.Criteria.Escalation, 5, "escalation 5/5"),
        NoFailures(Scorers.Criteria.NoInventedFacts, "0 invented facts"),
        MinimumPassRate(Scorers.Criteria.Tone, 0.9, "consistent tone on ≥ 90% of answers"),
    ];

    /// <summary>Evaluates the gate for one model.</summary>
    /// <param name="report">The report.</param>
    /// <param name="model">The model.</param>
    /// <returns>The result with its reason.</returns>
    public GateResult Evaluate(ComparisonReport report, string model)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(model);
        var (passed, reason) = _evaluate(report, model);
        return new GateResult(Name, model, passed, reason);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static int MinimumTrialsForLowerBound(double threshold)
    {
        for (var n = 1; n < 100_000; n++)
        {
            if (WilsonInterval.Compute(n, n).Lower >= threshold)
            {
                return n;
            }
        }

        return 100_000;
    }

    private static string Format(FormattableString text) => Reports.ReportFormat.Format(text);
}
