using System.Globalization;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Comparison.Statistics;

namespace TechFlow.SupportAssistant;

/// <summary>The console output of the lab: sections, transcripts and tables.</summary>
internal sealed partial class TechFlowLab
{
    private void Section(string title)
    {
        _out.WriteLine();
        _out.WriteLine($"━━ {title} " + new string('━', Math.Max(3, 72 - title.Length)));
    }

    private void WriteIndented(string text, string indent = "   ")
    {
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            _out.WriteLine(line.Length == 0 ? string.Empty : indent + line);
        }
    }

    /// <summary>The lab's side-by-side print-out of base and fine-tuned answers, followed by its evaluation questions, measured.</summary>
    private void PrintTranscripts(ComparisonReport report)
    {
        var (baseline, candidate) = (report.Models[0], report.Models[^1]);
        _out.WriteLine($"   The lab's {report.Suite.Cases.Count} test prompts (system prompt: \"{report.Suite.SystemPrompt}\")");
        foreach (var testCase in report.Suite.Cases)
        {
            _out.WriteLine("   " + new string('=', 50));
            _out.WriteLine($"   PROMPT: {testCase.Prompt}");
            _out.WriteLine();
            _out.WriteLine("   📦 BASE MODEL:");
            WriteIndented(Answer(report, baseline, testCase.Id), "      ");
            _out.WriteLine();
            _out.WriteLine("   🎯 FINE-TUNED MODEL:");
            WriteIndented(Answer(report, candidate, testCase.Id), "      ");
        }

        _out.WriteLine("   " + new string('=', 50));
        _out.WriteLine();
        PrintEvaluationQuestions(report);
    }

    /// <summary>Exercise 4's re-run of the lab's prompts: the earlier answer's first line, then the new answer in full.</summary>
    private void PrintIteratedTranscripts(ComparisonReport report)
    {
        var (previous, latest) = (report.Models[^2], report.Models[^1]);
        _out.WriteLine($"   The lab's {report.Suite.Cases.Count} test prompts again, {previous} → {latest}:");
        foreach (var testCase in report.Suite.Cases)
        {
            _out.WriteLine("   " + new string('=', 50));
            _out.WriteLine($"   PROMPT: {testCase.Prompt}");
            _out.WriteLine();
            var before = Answer(report, previous, testCase.Id);
            var after = Answer(report, latest, testCase.Id);
            _out.WriteLine($"   🎯 {previous.ToUpperInvariant()}: {FirstLine(before)}{(before.Contains('\n', StringComparison.Ordinal) ? " …" : string.Empty)}");
            _out.WriteLine();
            _out.WriteLine($"   🎯 {latest.ToUpperInvariant()}:{(string.Equals(before, after, StringComparison.Ordinal) ? " (same answer)" : string.Empty)}");
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                WriteIndented(after, "      ");
            }
        }

        _out.WriteLine("   " + new string('=', 50));
        _out.WriteLine();
        PrintEvaluationQuestions(report);
    }

    /// <summary>The lab's evaluation questions ("rate 1-5 by hand"), measured by the comparer's scorers.</summary>
    private void PrintEvaluationQuestions(ComparisonReport report)
    {
        _out.WriteLine("   Evaluation questions, measured instead of rated by hand:");
        var headers = new List<string> { "Criterion" };
        headers.AddRange(report.Models);
        var table = new ConsoleTable([.. headers]).AlignRight([.. Enumerable.Range(1, report.Models.Count)]);
        foreach (var (criterion, label) in new[]
                 {
                     (Criteria.Tone, "Uses correct tone"),
                     (Criteria.Format, "Follows format"),
                     (Criteria.NoInventedFacts, "Helpful (no invented facts)"),
                     (Criteria.NextSteps, "Offers next steps"),
                     (Criteria.Escalation, "Escalates when it should"),
                     (Criteria.Relevance, "Answers the question asked"),
                 })
        {
            if (report.Criteria.Contains(criterion))
            {
                var row = new List<string> { label };
                row.AddRange(report.Models.Select(m => PassCount(report, m, criterion)));
                table.AddRow([.. row]);
            }
        }

        table.WriteTo(_out);
    }

    /// <summary>Pass rates per criterion and model with Wilson 95% intervals, and paired tests against the last model.</summary>
    private void PrintComparison(ComparisonReport report)
    {
        var last = report.Models[^1];
        var pairs = report.Models.Take(report.Models.Count - 1).ToList();
        var headers = new List<string> { "Criterion" };
        headers.AddRange(report.Models);
        headers.AddRange(pairs.Select(m => $"{Short(m)} → {Short(last)} (p)"));
        var table = new ConsoleTable([.. headers]).AlignRight([.. Enumerable.Range(1, headers.Count - 1)]);
        foreach (var criterion in report.Criteria)
        {
            var row = new List<string> { criterion };
            row.AddRange(report.Models.Select(m => Rate(report.GetSummary(m, criterion))));
            row.AddRange(pairs.Select(m => Paired(report.GetPaired(criterion, m, last), last)));
            table.AddRow([.. row]);
        }

        if (report.Usage.Count > 0)
        {
            var latency = new List<string> { "latency p50 / p95" };
            latency.AddRange(report.Models.Select(m => Usage(report, m)));
            latency.AddRange(pairs.Select(_ => string.Empty));
            table.AddRow([.. latency]);
        }

        _out.WriteLine($"   {report.Suite.Name}: pass rate [95% Wilson interval] per criterion; p = paired exact test");
        table.WriteTo(_out);
        if (report.ErrorCount > 0)
        {
            _out.WriteLine($"   ⚠️ {report.ErrorCount} of {report.ScoredCount} scores were errors{(report.ErrorBudgetExceeded ? " — over the error budget" : string.Empty)}.");
        }
    }

    /// <summary>
    /// The lab's success criteria for one model: the report's own gates (the library's <see cref="SuccessGate.Lab"/> plus
    /// the error budget), with the reason and how many independent cases each needs to clear its bar. The verdict is
    /// <see cref="ComparisonReport.PassesGates"/>, so the table and the library cannot disagree.
    /// </summary>
    private void PrintSuccessCriteria(ComparisonReport report, string model)
    {
        _out.WriteLine($"   Success criteria — {model}:");
        var table = new ConsoleTable("Criterion", "Result", "Cases (have / need)", string.Empty);
        var gates = report.Gates.Where(g => g.Model == model).ToList();
        foreach (var gate in gates)
        {
            var cases = gate.CasesNeeded is { } needed ? $"{gate.Cases} / {needed}" : gate.Cases > 0 ? $"{gate.Cases} / —" : "—";
            table.AddRow(gate.Gate, gate.Reason, cases, gate.Passed ? "✅" : "❌");
        }

        table.WriteTo(_out);
        var passes = report.PassesGates(model);
        _out.WriteLine($"   {gates.Count(g => g.Passed)}/{gates.Count} success criteria met — {(passes ? "passes" : "does not pass")} the gates.");
    }

    /// <summary>The lab's "Identify Issues" step: every failed check of the model, grouped by category.</summary>
    private List<string> PrintImprovementAreas(IReadOnlyList<ComparisonReport> reports, string model)
    {
        var categories = reports.SelectMany(r => r.Suite.Cases)
            .ToDictionary(c => c.Id, c => c.Category ?? "uncategorised", StringComparer.Ordinal);
        var failures = reports.SelectMany(r => r.Results)
            .Where(r => r.Model == model)
            .SelectMany(r => r.Scores.Where(s => s.Outcome == ScoreOutcome.Fail).Select(s => (Case: r.CaseId, Score: s)))
            .ToList();
        var weak = failures.Select(f => categories[f.Case]).Distinct(StringComparer.Ordinal).ToList();
        if (failures.Count == 0)
        {
            _out.WriteLine($"   {model} passed every check; adding targeted examples in every category to widen coverage.");
            return [];
        }

        _out.WriteLine($"   Improvement areas ({failures.Count} failed checks on the lab prompts and the challenge set):");
        foreach (var group in failures.GroupBy(f => categories[f.Case]))
        {
            foreach (var (caseId, score) in group)
            {
                _out.WriteLine($"   - [{group.Key}] {caseId}: {score.Criterion} — {score.Reason}");
            }
        }

        _out.WriteLine($"   Targeting: {string.Join(", ", weak)}");
        return weak;
    }

    private static string Answer(ComparisonReport report, string model, string caseId)
    {
        var result = report.Results.FirstOrDefault(r => r.Model == model && r.CaseId == caseId);
        return result switch
        {
            null => "(no answer)",
            { Error: { } error } => $"(error: {error})",
            _ => result.Response,
        };
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline].TrimEnd();
    }

    private static string PassCount(ComparisonReport report, string model, string criterion) =>
        report.GetSummary(model, criterion) is { Trials: > 0 } s ? $"{s.Passed}/{s.Trials}" : "n/a";

    private static string Rate(CriterionSummary? summary) => summary is null || summary.Trials == 0
        ? "n/a"
        : string.Create(
            CultureInfo.InvariantCulture,
            $"{summary.Passed,2}/{summary.Trials} {summary.Rate * 100,3:0}% [{summary.Lower * 100:0}–{summary.Upper * 100:0}]");

    private static string Paired(PairedComparison? paired, string candidate) => paired is null
        ? "n/a"
        : string.Create(
            CultureInfo.InvariantCulture,
            $"{(paired.Better is null ? "=" : paired.Better == candidate ? "▲" : "▼")} {paired.PValue:0.000}{(paired.IsSignificant() ? " *" : "  ")}");

    private static string Usage(ComparisonReport report, string model) =>
        report.Usage.FirstOrDefault(u => u.Model == model) is { } u
            ? string.Create(CultureInfo.InvariantCulture, $"{u.LatencyP50Milliseconds:0} / {u.LatencyP95Milliseconds:0} ms")
            : "n/a";

    private static string Short(string model) => model.StartsWith("fine-tuned ", StringComparison.Ordinal) ? model["fine-tuned ".Length..] : model;
}
