using FineTuning.Toolkit.Comparison.Execution;
using FineTuning.Toolkit.Comparison.Statistics;

namespace FineTuning.Toolkit.Comparison.Reports;

/// <summary>
/// The JSON report's shape, serialized through <see cref="ComparisonJsonContext"/>. The regressions, results and verdicts
/// are sequences read from the stored results as the serializer goes, so writing the report to a stream streams them.
/// </summary>
internal sealed record ReportDocument(
    string Suite,
    IReadOnlyList<string> Models,
    string Baseline,
    ComparisonRunInfo Run,
    double Alpha,
    double ErrorBudget,
    int Errors,
    int Scored,
    bool ErrorBudgetExceeded,
    IReadOnlyList<GateResult> Gates,
    IReadOnlyList<CriterionSummary> Summaries,
    IReadOnlyList<PairedComparison> Paired,
    IReadOnlyList<WinRate> WinRates,
    IReadOnlyList<ModelUsage> Usage,
    IEnumerable<RegressionEntry> Regressions,
    IEnumerable<AnswerEntry> Results,
    IEnumerable<VerdictEntry> Pairwise)
{
    public static ReportDocument From(ComparisonReport report) => new(
        report.Suite.Name,
        report.Models,
        report.Baseline,
        report.Run,
        report.Alpha,
        report.ErrorBudget,
        report.ErrorCount,
        report.ScoredCount,
        report.ErrorBudgetExceeded,
        report.Gates,
        report.Summaries,
        report.PairedComparisons,
        report.WinRates,
        report.Usage,
        report.Regressions.Select(r => new RegressionEntry(r.CaseId, r.Repeat, r.Criterion, r.Model, report.ReasonOf(r))),
        report.Results.Select(r => AnswerEntry.From(r)),
        report.Pairwise.Select(p => VerdictEntry.From(p)));
}
