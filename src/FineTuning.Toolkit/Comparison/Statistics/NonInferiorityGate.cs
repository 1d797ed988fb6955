namespace FineTuning.Toolkit.Comparison.Statistics;

/// <summary>
/// Evaluates <see cref="SuccessGate.NoWorseThanBaseline"/>: over the cases both models were scored on, the 95% interval
/// (Tango's score interval, <see cref="PairedDifferenceInterval"/>) of the candidate's pass rate minus the baseline's must
/// lie above <c>-margin</c>. It fails closed, with one of three reasons: insufficient evidence (too few paired cases, or
/// an interval that reaches below the margin while the observed difference does not), worse (the observed difference is
/// beyond the margin), or an untrustworthy baseline (its own answers erred beyond the error budget).
/// </summary>
internal static class NonInferiorityGate
{
    private const int RegressionsShown = 3;

    public static GateResult Evaluate(ComparisonReport report, string model, string gate, string criterion, double margin, int minimumCases)
    {
        var baseline = report.Baseline;
        if (model == baseline)
        {
            return new GateResult(gate, model, true, "the baseline of the comparison (the reference the others are measured against)");
        }

        if (report.GetSummary(baseline, criterion) is { } reference && reference.ErrorRate > report.ErrorBudget)
        {
            return new GateResult(gate, model, false, Format(
                $"not comparable: the baseline's own {criterion} results errored on {reference.Errors} of {reference.Trials} answers ({reference.ErrorRate:P1} > the {report.ErrorBudget:P0} error budget)"));
        }

        var paired = report.GetPaired(criterion, baseline, model);
        var pairs = paired?.Pairs ?? 0;
        if (paired is null || pairs == 0)
        {
            return new GateResult(gate, model, false, Format($"insufficient evidence: no case has {criterion} results for both models")) { CasesNeeded = minimumCases };
        }

        var (difference, lower, upper) = PairedDifferenceInterval.Compute(paired.OnlyAPassed, paired.OnlyBPassed, pairs);
        var needed = PairedDifferenceInterval.CasesNeeded(paired.OnlyAPassed, paired.OnlyBPassed, pairs, margin);
        var figures = Format(
            $"{Rate(paired.BothPassed + paired.OnlyBPassed, pairs):P1} vs the baseline's {Rate(paired.BothPassed + paired.OnlyAPassed, pairs):P1} over {pairs} paired cases: difference {difference * 100:+0.0;-0.0;0.0} points, 95% CI [{lower * 100:+0.0;-0.0;0.0}, {upper * 100:+0.0;-0.0;0.0}], margin -{margin * 100:0.#}; McNemar p = {paired.PValue:0.###}");
        var regressed = Regressed(report, model, criterion);
        if (pairs < minimumCases)
        {
            return new GateResult(gate, model, false, Format($"insufficient evidence: {pairs} paired cases, at least {minimumCases} required; ") + figures + regressed)
            {
                Cases = pairs,
                CasesNeeded = Math.Max(minimumCases, needed ?? minimumCases),
            };
        }

        if (lower > -margin)
        {
            return new GateResult(gate, model, true, "non-inferior: " + figures) { Cases = pairs, CasesNeeded = needed };
        }

        if (difference <= -margin)
        {
            var how = upper < -margin ? "worse by more than the margin (the whole interval is below it)" : "worse: the observed difference is already beyond the margin; more cases will not make it a go";
            return new GateResult(gate, model, false, how + "; " + figures + regressed) { Cases = pairs };
        }

        var advice = needed is { } n
            ? Format($"; at this difference the interval clears the margin with ≥ {n} cases (add {n - pairs})")
            : string.Empty;
        return new GateResult(gate, model, false, "insufficient evidence: the interval reaches below the margin; " + figures + advice + regressed)
        {
            Cases = pairs,
            CasesNeeded = needed,
        };
    }

    private static double Rate(int passed, int pairs) => (double)passed / pairs;

    /// <summary>The cases the candidate fails and the baseline passes (the report's regressions), named for the reason.</summary>
    private static string Regressed(ComparisonReport report, string model, string criterion)
    {
        var cases = report.Regressions
            .Where(r => r.Model == model && r.Criterion == criterion)
            .Select(r => r.CaseId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (cases.Count == 0)
        {
            return string.Empty;
        }

        var shown = string.Join(", ", cases.Take(RegressionsShown));
        return Format($"; regressed on {cases.Count} cases ({shown}{(cases.Count > RegressionsShown ? ", …" : string.Empty)})");
    }

    private static string Format(FormattableString text) => Reports.ReportFormat.Format(text);
}
