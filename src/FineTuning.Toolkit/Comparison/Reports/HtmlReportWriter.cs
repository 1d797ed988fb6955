using System.Globalization;
using System.Net;
using FineTuning.Toolkit.Jobs;
using System.Text;

namespace FineTuning.Toolkit.Comparison.Reports;

/// <summary>
/// Renders a <see cref="ComparisonReport"/> as one self-contained HTML page: inline CSS, inline SVG charts, one small
/// inline script (bar labels and the regression filter), and a Content-Security-Policy that forbids any network access.
/// Every piece of model or user text goes through <see cref="WebUtility.HtmlEncode(string?)"/>.
/// </summary>
internal sealed class HtmlReportWriter : TextReportWriter
{
    private static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#edc948", "#9c755f"];

    private const string Style = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem; color: #1f2328; background: #fff; }
        h1 { font-size: 1.6rem; margin-bottom: .25rem; }
        h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; }
        table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
        th, td { border: 1px solid #d0d7de; padding: .35rem .5rem; vertical-align: top; text-align: left; }
        th { background: #f6f8fa; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .pass { color: #1a7f37; font-weight: 600; }
        .fail { color: #cf222e; font-weight: 600; }
        .warn { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem 1rem; }
        pre.answer { white-space: pre-wrap; word-break: break-word; margin: 0; font-family: ui-monospace, Consolas, monospace; font-size: .8rem; max-width: 40rem; }
        ul.scores { list-style: none; padding: 0; margin: .4rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem; }
        ul.scores li { font-size: .72rem; border-radius: .75rem; padding: .05rem .5rem; border: 1px solid #d0d7de; }
        li.s-Pass { background: #dafbe1; } li.s-Fail { background: #ffebe9; } li.s-Error { background: #fff8c5; } li.s-NotApplicable { color: #57606a; }
        tr.case-row[data-regression="true"] > td:first-child { border-left: 4px solid #cf222e; }
        .turn { font-size: .8rem; margin: 0 0 .25rem; } .turn b { color: #57606a; }
        svg.chart { display: block; margin: .5rem 0; max-width: 100%; height: auto; }
        svg.chart text { font-size: 11px; fill: #1f2328; }
        .legend span { display: inline-block; margin-right: 1rem; font-size: .85rem; }
        .legend i { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: -1px; }
        """;

    private const string Script = """
        (function () {
          'use strict';
          var ns = 'http://www.w3.org/2000/svg';
          var bars = document.querySelectorAll('svg.chart rect.bar');
          for (var i = 0; i < bars.length; i++) {
            var bar = bars[i];
            var label = document.createElementNS(ns, 'text');
            label.setAttribute('class', 'bar-label');
            label.setAttribute('text-anchor', 'middle');
            var x = parseFloat(bar.getAttribute('x')) + parseFloat(bar.getAttribute('width')) / 2;
            var y = parseFloat(bar.getAttribute('data-label-y') || bar.getAttribute('y'));
            if (bar.hasAttribute('data-horizontal')) {
              label.setAttribute('text-anchor', 'start');
              x = parseFloat(bar.getAttribute('x')) + parseFloat(bar.getAttribute('width')) + 4;
              y = parseFloat(bar.getAttribute('y')) + parseFloat(bar.getAttribute('height')) - 3;
            }
            label.setAttribute('x', x.toFixed(1));
            label.setAttribute('y', (y - 3).toFixed(1));
            label.textContent = bar.getAttribute('data-label');
            bar.parentNode.appendChild(label);
          }
          var box = document.getElementById('regressions-only');
          var counter = document.getElementById('visible-count');
          var rows = document.querySelectorAll('tr.case-row');
          function apply() {
            var shown = 0;
            for (var j = 0; j < rows.length; j++) {
              var visible = !box.checked || rows[j].getAttribute('data-regression') === 'true';
              rows[j].hidden = !visible;
              if (visible) { shown++; }
            }
            counter.textContent = shown + ' of ' + rows.length + ' cases shown';
          }
          if (window.location.hash === '#regressions') { box.checked = true; }
          box.addEventListener('change', apply);
          apply();
          document.body.setAttribute('data-charts-ready', 'true');
        })();
        """;

    public override string FileExtension => ".html";

    public override string Render(ComparisonReport report) => Write(report);

    public static string Write(ComparisonReport report)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append("<link rel=\"icon\" href=\"data:,\">\n");
        h.Append("<title>Model comparison: ").Append(E(report.Suite.Name)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        var repeats = report.Repeats;
        h.Append("<h1>Model comparison: ").Append(E(report.Suite.Name)).Append("</h1>\n<p>")
            .Append(Inv($"{report.Suite.Cases.Count} cases × {repeats} repeat(s) × {report.Models.Count} models; baseline <b>{E(report.Baseline)}</b>. "))
            .Append(Inv($"{report.Run.Elapsed.TotalSeconds:0.0} s, {report.Run.ModelCalls} model calls, {report.Run.CacheHits} cache hits, {report.Run.Resumed} resumed, {report.Run.JudgeCalls} judge calls, {report.Run.JudgeErrors} judge errors."))
            .Append("</p>\n");
        WriteLegend(h, report);
        if (report.ErrorBudgetExceeded)
        {
            h.Append(Inv($"<p class=\"warn\" id=\"error-budget\">⚠️ Error budget exceeded: {report.ErrorCount} of {report.ScoredCount} scores and verdicts are errors (budget {report.ErrorBudget:P0}). Do not trust these results.</p>\n"));
        }

        WriteGates(h, report);
        h.Append("<h2>Pass rate per criterion (95% Wilson interval)</h2>\n");
        WriteCriteriaChart(h, report);
        h.Append("<h2>Latency (p50 and p95)</h2>\n");
        WriteLatencyChart(h, report);
        WriteLossChart(h, report);
        WriteTables(h, report);
        HtmlTranscripts.Write(h, report);
        h.Append("<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void WriteLegend(StringBuilder h, ComparisonReport report)
    {
        h.Append("<p class=\"legend\">");
        for (var i = 0; i < report.Models.Count; i++)
        {
            h.Append("<span><i style=\"background:").Append(Color(i)).Append("\"></i>").Append(E(report.Models[i])).Append("</span>");
        }

        h.Append("</p>\n");
    }

    private static void WriteGates(StringBuilder h, ComparisonReport report)
    {
        h.Append("<h2>Success gates</h2>\n<table id=\"gates\"><thead><tr><th>Gate</th>");
        foreach (var model in report.Models)
        {
            h.Append("<th>").Append(E(model)).Append("</th>");
        }

        h.Append("</tr></thead><tbody>\n");
        foreach (var gate in report.Gates.Select(g => g.Gate).Distinct())
        {
            h.Append("<tr><td>").Append(E(gate)).Append("</td>");
            foreach (var model in report.Models)
            {
                var g = report.Gates.First(x => x.Gate == gate && x.Model == model);
                h.Append("<td><span class=\"").Append(g.Passed ? "pass\">✅ pass" : "fail\">❌ fail").Append("</span> ").Append(E(g.Reason)).Append("</td>");
            }

            h.Append("</tr>\n");
        }

        h.Append("</tbody></table>\n");
    }

    private static void WriteCriteriaChart(StringBuilder h, ComparisonReport report)
    {
        const int Left = 44, Top = 16, PlotHeight = 200, BarWidth = 26, Gap = 4, GroupGap = 30;
        var groupWidth = Math.Max((report.Models.Count * (BarWidth + Gap)) + GroupGap, 112);
        var width = Left + Math.Max(1, report.Criteria.Count) * groupWidth + 10;
        var height = Top + PlotHeight + 40;
        h.Append(Inv($"<svg id=\"criteria-chart\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Pass rate per criterion and model with 95% intervals\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n"));
        foreach (var tick in new[] { 0.0, 0.25, 0.5, 0.75, 0.9, 1.0 })
        {
            var y = Top + PlotHeight - (tick * PlotHeight);
            var dashed = tick == 0.9 ? " stroke-dasharray=\"4 3\" stroke=\"#cf222e\"" : " stroke=\"#d0d7de\"";
            h.Append(Inv($"<line x1=\"{Left}\" x2=\"{width - 10}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\"{dashed}/><text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{tick * 100:0}%</text>\n"));
        }

        for (var c = 0; c < report.Criteria.Count; c++)
        {
            var criterion = report.Criteria[c];
            var groupX = Left + (c * groupWidth) + ((groupWidth - (report.Models.Count * (BarWidth + Gap))) / 2);
            for (var m = 0; m < report.Models.Count; m++)
            {
                var s = report.GetSummary(report.Models[m], criterion);
                if (s is null || s.Trials == 0)
                {
                    continue;
                }

                var x = groupX + (m * (BarWidth + Gap));
                var barHeight = s.Rate * PlotHeight;
                var y = Top + PlotHeight - barHeight;
                var lowerY = Top + PlotHeight - (s.Lower * PlotHeight);
                var upperY = Top + PlotHeight - (s.Upper * PlotHeight);
                var centre = x + (BarWidth / 2.0);
                var title = Inv($"{report.Models[m]} — {criterion}: {s.Rate:P1} over {s.Cases} cases ({s.Passed}/{s.Trials} answers), 95% CI [{s.Lower:P1}, {s.Upper:P1}]");
                h.Append(Inv($"<rect class=\"bar\" x=\"{x}\" y=\"{y:0.##}\" width=\"{BarWidth}\" height=\"{barHeight:0.##}\" fill=\"{Color(m)}\" data-model=\"{E(report.Models[m])}\" data-criterion=\"{E(criterion)}\" data-rate=\"{s.Rate:0.####}\" data-lower=\"{s.Lower:0.####}\" data-upper=\"{s.Upper:0.####}\" data-label=\"{s.Rate * 100:0}%\" data-label-y=\"{upperY:0.##}\"><title>{E(title)}</title></rect>\n"));
                h.Append(Inv($"<g class=\"whisker\" stroke=\"#1f2328\" stroke-width=\"1.5\"><line x1=\"{centre:0.#}\" x2=\"{centre:0.#}\" y1=\"{lowerY:0.##}\" y2=\"{upperY:0.##}\"/><line x1=\"{centre - 5:0.#}\" x2=\"{centre + 5:0.#}\" y1=\"{lowerY:0.##}\" y2=\"{lowerY:0.##}\"/><line x1=\"{centre - 5:0.#}\" x2=\"{centre + 5:0.#}\" y1=\"{upperY:0.##}\" y2=\"{upperY:0.##}\"/></g>\n"));
            }

            var labelX = groupX + (report.Models.Count * (BarWidth + Gap) / 2.0);
            h.Append(Inv($"<text class=\"axis-label\" x=\"{labelX:0.#}\" y=\"{Top + PlotHeight + 16}\" text-anchor=\"middle\">{E(criterion)}</text>\n"));
        }

        h.Append("</svg>\n");
    }

    private static void WriteLatencyChart(StringBuilder h, ComparisonReport report)
    {
        const int Left = 140, RowHeight = 18, Width = 640;
        var max = Math.Max(1, report.Usage.Max(u => u.LatencyP95Milliseconds));
        var height = (report.Usage.Count * ((2 * RowHeight) + 10)) + 10;
        h.Append(Inv($"<svg id=\"latency-chart\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Latency per model\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\">\n"));
        for (var i = 0; i < report.Usage.Count; i++)
        {
            var u = report.Usage[i];
            var index = report.Models.ToList().IndexOf(u.Model);
            var y = 5 + (i * ((2 * RowHeight) + 10));
            var scale = (Width - Left - 90) / max;
            h.Append(Inv($"<text x=\"{Left - 8}\" y=\"{y + RowHeight + 4}\" text-anchor=\"end\">{E(u.Model)}</text>\n"));
            h.Append(Inv($"<rect class=\"bar\" data-horizontal=\"true\" x=\"{Left}\" y=\"{y}\" width=\"{Math.Max(1, u.LatencyP50Milliseconds * scale):0.##}\" height=\"{RowHeight - 2}\" fill=\"{Color(index)}\" data-label=\"p50 {u.LatencyP50Milliseconds:0} ms\"><title>{E(u.Model)} p50 {u.LatencyP50Milliseconds:0} ms</title></rect>\n"));
            h.Append(Inv($"<rect class=\"bar\" data-horizontal=\"true\" x=\"{Left}\" y=\"{y + RowHeight}\" width=\"{Math.Max(1, u.LatencyP95Milliseconds * scale):0.##}\" height=\"{RowHeight - 2}\" fill=\"{Color(index)}\" fill-opacity=\"0.55\" data-label=\"p95 {u.LatencyP95Milliseconds:0} ms\"><title>{E(u.Model)} p95 {u.LatencyP95Milliseconds:0} ms</title></rect>\n"));
        }

        h.Append("</svg>\n");
    }

    private static void WriteTables(StringBuilder h, ComparisonReport report)
    {
        if (report.PairedComparisons.Count > 0)
        {
            h.Append(Inv($"<h2>Paired tests over cases (McNemar exact, α = {report.Alpha})</h2>\n<table id=\"paired\"><thead><tr><th>Criterion</th><th>A vs B</th><th>cases both pass</th><th>only A</th><th>only B</th><th>neither</th><th>p</th><th>verdict</th></tr></thead><tbody>\n"));
            foreach (var p in report.PairedComparisons)
            {
                var verdict = p.Better is null ? "no difference" : p.IsSignificant(report.Alpha) ? $"<b>{E(p.Better)}</b> better (significant)" : $"{E(p.Better)} ahead (not significant)";
                h.Append(Inv($"<tr><td>{E(p.Criterion)}</td><td>{E(p.ModelA)} vs {E(p.ModelB)}</td><td class=\"num\">{p.BothPassed}</td><td class=\"num\">{p.OnlyAPassed}</td><td class=\"num\">{p.OnlyBPassed}</td><td class=\"num\">{p.NeitherPassed}</td><td class=\"num\">{p.PValue:0.0000}</td><td>{verdict}</td></tr>\n"));
            }

            h.Append("</tbody></table>\n");
        }

        if (report.WinRates.Count > 0)
        {
            h.Append("<h2>Pairwise judge (asked in both orders; a flip is a tie)</h2>\n<table id=\"win-rates\"><thead><tr><th>A vs B</th><th>cases A won</th><th>cases B won</th><th>tied cases</th><th>errored cases</th><th>A win rate</th><th>sign test p</th></tr></thead><tbody>\n");
            foreach (var w in report.WinRates)
            {
                h.Append(Inv($"<tr><td>{E(w.ModelA)} vs {E(w.ModelB)}</td><td class=\"num\">{w.Wins}</td><td class=\"num\">{w.Losses}</td><td class=\"num\">{w.Ties}</td><td class=\"num\">{w.Errors}</td><td class=\"num\">{w.Rate:P0}</td><td class=\"num\">{w.PValue:0.0000}</td></tr>\n"));
            }

            h.Append("</tbody></table>\n");
        }

        h.Append("<h2>Latency, tokens and cost</h2>\n<table id=\"usage\"><thead><tr><th>Model</th><th>answers</th><th>failed calls</th><th>p50 ms</th><th>p95 ms</th><th>input tokens</th><th>output tokens</th><th>cost</th></tr></thead><tbody>\n");
        foreach (var u in report.Usage)
        {
            var cost = u.Cost is { } c ? c.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";
            h.Append(Inv($"<tr><td>{E(u.Model)}</td><td class=\"num\">{u.Answers}</td><td class=\"num\">{u.FailedCalls}</td><td class=\"num\">{u.LatencyP50Milliseconds:0}</td><td class=\"num\">{u.LatencyP95Milliseconds:0}</td><td class=\"num\">{u.InputTokens}</td><td class=\"num\">{u.OutputTokens}</td><td class=\"num\">{cost}</td></tr>\n"));
        }

        h.Append("</tbody></table>\n");
    }

    // Training (solid) and validation (dashed) loss per step for each fine-tuned model that carried its metrics.
    private static void WriteLossChart(StringBuilder h, ComparisonReport report)
    {
        if (report.TrainingMetrics.Count == 0)
        {
            return;
        }

        const int Left = 52, Top = 12, PlotWidth = 560, PlotHeight = 220, Width = Left + PlotWidth + 150, Height = Top + PlotHeight + 40;
        var points = report.TrainingMetrics.Values.SelectMany(m => m).ToList();
        var maxStep = Math.Max(1, points.Max(p => p.Step));
        var losses = points.SelectMany(p => new[] { p.TrainLoss, p.ValidationLoss }).OfType<double>().Where(double.IsFinite).ToList();
        var maxLoss = losses.Count == 0 ? 1 : Math.Max(losses.Max(), 1e-9) * 1.05;
        double X(int step) => Left + (step / (double)maxStep * PlotWidth);
        double Y(double loss) => Top + PlotHeight - (Math.Clamp(loss / maxLoss, 0, 1) * PlotHeight);

        h.Append("<h2>Training loss</h2>\n");
        h.Append(Inv($"<svg id=\"loss-chart\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Training and validation loss per step\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\">\n"));
        for (var tick = 0; tick <= 4; tick++)
        {
            var value = maxLoss * tick / 4;
            var y = Y(value);
            h.Append(Inv($"<line x1=\"{Left}\" x2=\"{Left + PlotWidth}\" y1=\"{y:0.##}\" y2=\"{y:0.##}\" stroke=\"#d0d7de\"/><text class=\"axis-label\" x=\"{Left - 6}\" y=\"{y + 4:0.##}\" text-anchor=\"end\">{value:0.00}</text>\n"));
        }

        h.Append(Inv($"<text class=\"axis-label\" x=\"{Left}\" y=\"{Top + PlotHeight + 16}\">step 0</text><text class=\"axis-label\" x=\"{Left + PlotWidth}\" y=\"{Top + PlotHeight + 16}\" text-anchor=\"end\">step {maxStep}</text>\n"));
        var legendY = Top + 8;
        foreach (var (model, metrics) in report.TrainingMetrics)
        {
            var color = Color(IndexOf(report.Models, model));
            foreach (var (name, select, dash) in new (string, Func<FineTuneStepMetrics, double?>, string)[] { ("train", m => m.TrainLoss, ""), ("valid", m => m.ValidationLoss, " stroke-dasharray=\"5 4\"") })
            {
                var series = metrics.Where(m => select(m) is double v && double.IsFinite(v)).OrderBy(m => m.Step).ToList();
                if (series.Count == 0)
                {
                    continue;
                }

                var path = string.Join(' ', series.Select(m => Inv($"{X(m.Step):0.#},{Y(select(m)!.Value):0.#}")));
                h.Append(Inv($"<polyline class=\"loss-line\" data-model=\"{E(model)}\" data-series=\"{name}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash} points=\"{path}\"><title>{E(model)} {name} loss</title></polyline>\n"));
                h.Append(Inv($"<line x1=\"{Left + PlotWidth + 12}\" x2=\"{Left + PlotWidth + 36}\" y1=\"{legendY}\" y2=\"{legendY}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/><text class=\"axis-label\" x=\"{Left + PlotWidth + 40}\" y=\"{legendY + 4}\">{E(model)} {name}</text>\n"));
                legendY += 16;
            }
        }

        h.Append("</svg>\n");
    }

    private static int IndexOf(IReadOnlyList<string> models, string model)
    {
        for (var i = 0; i < models.Count; i++)
        {
            if (string.Equals(models[i], model, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return 0;
    }

    private static string Color(int index) => Palette[index % Palette.Length];

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString text) => ReportFormat.Format(text);
}
