using System.Net;
using System.Text;
using FineTuning.Toolkit.Comparison.Results;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison.Reports;

/// <summary>
/// The HTML report's side-by-side transcripts: one row per case and repeat, each model's answer with its scores. Above
/// <see cref="MaxRows"/> rows the page shows a bounded sample — the rows with regressions first, then the others in suite
/// order — and says how many it omits and where every answer is; the answers shown are read from the stored results one
/// at a time, so the page's size and the memory to write it do not grow with the suite.
/// </summary>
internal static class HtmlTranscripts
{
    /// <summary>The most case rows the page shows.</summary>
    public const int MaxRows = 500;

    public static void Write(StringBuilder h, ComparisonReport report)
    {
        var regressed = report.Regressions.Select(r => (r.CaseId, r.Repeat)).ToHashSet();
        var repeats = report.Repeats;
        var total = report.Suite.Cases.Count * repeats;
        var shown = Sample(report, regressed, repeats);
        h.Append(Inv($"<h2>Transcripts ({report.Regressions.Count} regressions against {E(report.Baseline)})</h2>\n"));
        if (shown is not null)
        {
            h.Append(Inv($"<p class=\"warn\" id=\"transcripts-omitted\" data-shown=\"{shown.Count}\" data-total=\"{total}\">Showing {shown.Count} of {total} case rows (those with regressions first); {total - shown.Count} omitted to keep this page small. Every answer with its scores is in the JSON report of this comparison (<code>IReportWriter.Json</code>), and in its results journal when it ran with one (<code>ModelComparerOptions.ResultsPath</code>).</p>\n"));
        }

        h.Append("<p><label><input type=\"checkbox\" id=\"regressions-only\"> Show regressions only</label> <span id=\"visible-count\"></span></p>\n");
        h.Append("<table id=\"transcripts\"><thead><tr><th>Case</th>");
        foreach (var model in report.Models)
        {
            h.Append("<th>").Append(E(model)).Append("</th>");
        }

        h.Append("</tr></thead><tbody>\n");
        for (var c = 0; c < report.Suite.Cases.Count; c++)
        {
            var testCase = report.Suite.Cases[c];
            for (var repeat = 0; repeat < repeats; repeat++)
            {
                if (shown is null || shown.Contains((testCase.Id, repeat)))
                {
                    WriteRow(h, report, c, repeat, repeats, regressed.Contains((testCase.Id, repeat)));
                }
            }
        }

        h.Append("</tbody></table>\n");
    }

    /// <summary>The rows to show when there are more than <see cref="MaxRows"/>, or <see langword="null"/> for all.</summary>
    private static HashSet<(string CaseId, int Repeat)>? Sample(ComparisonReport report, HashSet<(string CaseId, int Repeat)> regressed, int repeats)
    {
        if (report.Suite.Cases.Count * repeats <= MaxRows)
        {
            return null;
        }

        var rows = report.Suite.Cases.SelectMany(c => Enumerable.Range(0, repeats).Select(r => (c.Id, r)));
        var shown = rows.Where(regressed.Contains).Take(MaxRows).ToHashSet();
        foreach (var row in rows.Where(row => !regressed.Contains(row)).Take(MaxRows - shown.Count))
        {
            shown.Add(row);
        }

        return shown;
    }

    private static void WriteRow(StringBuilder h, ComparisonReport report, int caseIndex, int repeat, int repeats, bool isRegression)
    {
        var testCase = report.Suite.Cases[caseIndex];
        h.Append(Inv($"<tr class=\"case-row\" data-case=\"{E(testCase.Id)}\" data-regression=\"{(isRegression ? "true" : "false")}\"><td><b>{E(testCase.Id)}</b>"));
        if (repeats > 1)
        {
            h.Append(Inv($" (repeat {repeat})"));
        }

        if (testCase.Category is not null)
        {
            h.Append("<br><small>").Append(E(testCase.Category)).Append("</small>");
        }

        foreach (var message in testCase.Messages)
        {
            h.Append("<p class=\"turn\"><b>").Append(message.Role.Value == "user" ? "User" : "Assistant").Append(":</b> ").Append(E(message.Text)).Append("</p>");
        }

        h.Append("</td>");
        for (var m = 0; m < report.Models.Count; m++)
        {
            h.Append("<td>");
            if (Find(report, testCase.Id, repeat, m, CaseResultStore.SlotOf(caseIndex, repeat, m, repeats, report.Models.Count)) is { } result)
            {
                if (result.Error is not null)
                {
                    h.Append("<p class=\"fail\">Call failed: ").Append(E(result.Error)).Append("</p>");
                }

                h.Append("<pre class=\"answer\">").Append(E(result.Response)).Append("</pre><ul class=\"scores\">");
                foreach (var score in result.Scores)
                {
                    var mark = score.Outcome switch
                    {
                        ScoreOutcome.Pass => "✓",
                        ScoreOutcome.Fail => "✗",
                        ScoreOutcome.Error => "⚠",
                        _ => "–",
                    };
                    h.Append("<li class=\"s-").Append(score.Outcome).Append("\" title=\"").Append(E(score.Reason)).Append("\">")
                        .Append(mark).Append(' ').Append(E(score.Criterion)).Append("</li>");
                }

                h.Append("</ul>");
            }

            h.Append("</td>");
        }

        h.Append("</tr>\n");
    }

    /// <summary>The answer at <paramref name="slot"/> when it is model <paramref name="model"/>'s to the case and repeat, else <see langword="null"/> (not recorded).</summary>
    private static CaseResult? Find(ComparisonReport report, string caseId, int repeat, int model, int slot) =>
        slot < report.Results.Count && report.Results[slot] is var result && result.Model == report.Models[model] && result.CaseId == caseId && result.Repeat == repeat
            ? result
            : null;

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => ReportFormat.Format(text);
}
