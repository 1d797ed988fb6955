using System.Globalization;
using System.Text;

namespace FineTuning.Toolkit.Comparison.Reports;

/// <summary>Renders a <see cref="ComparisonReport"/> as GitHub-flavoured Markdown.</summary>
internal sealed class MarkdownReportWriter : TextReportWriter
{
    public override string FileExtension => ".md";

    public override string Render(ComparisonReport report) => Write(report);

    public static string Write(ComparisonReport report)
    {
        var md = new StringBuilder();
        var repeats = report.Repeats;
        md.Append(Inv($"## Model comparison: {Cell(report.Suite.Name)}\n\n"));
        md.Append(Inv($"{report.Suite.Cases.Count} cases × {repeats} repeat(s) × {report.Models.Count} models; baseline **{Cell(report.Baseline)}**. "));
        md.Append(Inv($"Run: {report.Run.Elapsed.TotalSeconds:0.0} s, {report.Run.ModelCalls} model calls, {report.Run.CacheHits} cache hits, {report.Run.Resumed} resumed, {report.Run.JudgeCalls} judge calls, {report.Run.JudgeErrors} judge errors, {report.Run.Retries} retries.\n\n"));
        if (report.ErrorBudgetExceeded)
        {
            md.Append(Inv($"> ⚠️ **Error budget exceeded**: {report.ErrorCount} of {report.ScoredCount} scores and verdicts are errors (budget {report.ErrorBudget:P0}). Do not trust these results.\n\n"));
        }

        md.Append("### Success gates\n\n| Gate |");
        foreach (var model in report.Models)
        {
            md.Append(' ').Append(Cell(model)).Append(" |");
        }

        md.Append('\n').Append("|---|").Append(string.Concat(Enumerable.Repeat("---|", report.Models.Count))).Append('\n');
        foreach (var gate in report.Gates.Select(g => g.Gate).Distinct())
        {
            md.Append("| ").Append(Cell(gate)).Append(" |");
            foreach (var model in report.Models)
            {
                var result = report.Gates.First(g => g.Gate == gate && g.Model == model);
                md.Append(result.Passed ? " ✅ " : " ❌ ").Append(Cell(result.Reason)).Append(" |");
            }

            md.Append('\n');
        }

        WriteRates(md, report);
        WriteTables(md, report);
        WriteRegressions(md, report);
        return md.ToString();
    }

    private static void WriteRates(StringBuilder md, ComparisonReport report)
    {
        md.Append("\n### Pass rate per criterion (95% Wilson interval)\n\n| Criterion |");
        foreach (var model in report.Models)
        {
            md.Append(' ').Append(Cell(model)).Append(" |");
        }

        md.Append('\n').Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", report.Models.Count))).Append('\n');
        foreach (var criterion in report.Criteria)
        {
            md.Append("| ").Append(Cell(criterion)).Append(" |");
            foreach (var model in report.Models)
            {
                var s = report.GetSummary(model, criterion);
                md.Append(' ').Append(s is null || s.Trials == 0 ? "n/a" : Inv($"{s.Rate:P0} [{s.Lower:P0}, {s.Upper:P0}] over {s.Cases} cases"));
                if (s is { Errors: > 0 })
                {
                    md.Append(Inv($" ({s.Errors} errors)"));
                }

                md.Append(" |");
            }

            md.Append('\n');
        }
    }

    private static void WriteTables(StringBuilder md, ComparisonReport report)
    {
        if (report.PairedComparisons.Count > 0)
        {
            md.Append(Inv($"\n### Paired tests over cases (McNemar exact, α = {report.Alpha})\n\n| Criterion | A vs B | cases both pass | only A | only B | neither | p | verdict |\n|---|---|---:|---:|---:|---:|---:|---|\n"));
            foreach (var p in report.PairedComparisons)
            {
                var verdict = p.Better is null ? "no difference" : p.IsSignificant(report.Alpha) ? $"**{Cell(p.Better)}** better (significant)" : $"{Cell(p.Better)} ahead (not significant)";
                md.Append(Inv($"| {Cell(p.Criterion)} | {Cell(p.ModelA)} vs {Cell(p.ModelB)} | {p.BothPassed} | {p.OnlyAPassed} | {p.OnlyBPassed} | {p.NeitherPassed} | {P(p.PValue)} | {verdict} |\n"));
            }
        }

        if (report.WinRates.Count > 0)
        {
            md.Append("\n### Pairwise judge (both orders; a flip is a tie)\n\n| A vs B | cases A won | cases B won | tied cases | errored cases | A win rate | sign test p |\n|---|---:|---:|---:|---:|---:|---:|\n");
            foreach (var w in report.WinRates)
            {
                md.Append(Inv($"| {Cell(w.ModelA)} vs {Cell(w.ModelB)} | {w.Wins} | {w.Losses} | {w.Ties} | {w.Errors} | {w.Rate:P0} | {P(w.PValue)} |\n"));
            }
        }

        md.Append("\n### Latency, tokens and cost\n\n| Model | answers | failed calls | p50 ms | p95 ms | first token p50 ms | output tokens/s | input tokens | output tokens | cost |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var u in report.Usage)
        {
            md.Append(Inv($"| {Cell(u.Model)} | {u.Answers} | {u.FailedCalls} | {u.LatencyP50Milliseconds:0} | {u.LatencyP95Milliseconds:0} | {(u.TimeToFirstTokenP50Milliseconds is { } first ? first.ToString("0", CultureInfo.InvariantCulture) : "n/a")} | {(u.OutputTokensPerSecondP50 is { } speed ? speed.ToString("0", CultureInfo.InvariantCulture) : "n/a")} | {u.InputTokens} | {u.OutputTokens} | {(u.Cost is { } c ? c.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a")} |\n"));
        }
    }

    private static void WriteRegressions(StringBuilder md, ComparisonReport report)
    {
        md.Append(Inv($"\n### Regressions against {Cell(report.Baseline)} ({report.Regressions.Count})\n\n"));
        if (report.Regressions.Count == 0)
        {
            md.Append("None.\n");
        }

        foreach (var r in report.Regressions.Take(50))
        {
            md.Append(Inv($"- `{Cell(r.CaseId)}` (repeat {r.Repeat}) **{Cell(r.Criterion)}** — {Cell(r.Model)}: {Cell(report.ReasonOf(r))}\n"));
        }

        if (report.Regressions.Count > 50)
        {
            md.Append(Inv($"- … and {report.Regressions.Count - 50} more (see the HTML or JSON report)\n"));
        }
    }

    private static string P(double p) => p < 0.001 ? "< 0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Cell(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Inv(FormattableString text) => ReportFormat.Format(text);
}
