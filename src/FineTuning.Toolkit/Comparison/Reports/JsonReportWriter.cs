using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FineTuning.Toolkit.Comparison.Execution;

namespace FineTuning.Toolkit.Comparison.Reports;

/// <summary>Serializes a <see cref="ComparisonReport"/> as JSON.</summary>
internal static class JsonReportWriter
{
    public static string Write(ComparisonReport report)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("suite", report.Suite.Name);
            w.WriteStartArray("models");
            foreach (var model in report.Models)
            {
                w.WriteStringValue(model);
            }

            w.WriteEndArray();
            w.WriteString("baseline", report.Baseline);
            w.WriteStartObject("run");
            w.WriteString("started", report.Run.Started);
            w.WriteNumber("elapsedSeconds", report.Run.Elapsed.TotalSeconds);
            w.WriteNumber("modelCalls", report.Run.ModelCalls);
            w.WriteNumber("cacheHits", report.Run.CacheHits);
            w.WriteNumber("resumed", report.Run.Resumed);
            w.WriteNumber("judgeCalls", report.Run.JudgeCalls);
            w.WriteNumber("judgeCacheHits", report.Run.JudgeCacheHits);
            w.WriteNumber("judgeErrors", report.Run.JudgeErrors);
            w.WriteNumber("retries", report.Run.Retries);
            w.WriteEndObject();
            w.WriteNumber("alpha", report.Alpha);
            w.WriteNumber("errorBudget", report.ErrorBudget);
            w.WriteNumber("errors", report.ErrorCount);
            w.WriteNumber("scored", report.ScoredCount);
            w.WriteBoolean("errorBudgetExceeded", report.ErrorBudgetExceeded);

            w.WriteStartArray("gates");
            foreach (var g in report.Gates)
            {
                w.WriteStartObject();
                w.WriteString("gate", g.Gate);
                w.WriteString("model", g.Model);
                w.WriteBoolean("passed", g.Passed);
                w.WriteString("reason", g.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("summaries");
            foreach (var s in report.Summaries)
            {
                w.WriteStartObject();
                w.WriteString("model", s.Model);
                w.WriteString("criterion", s.Criterion);
                w.WriteNumber("passed", s.Passed);
                w.WriteNumber("failed", s.Failed);
                w.WriteNumber("errors", s.Errors);
                w.WriteNumber("notApplicable", s.NotApplicable);
                w.WriteNumber("rate", s.Interval.Rate);
                w.WriteNumber("lower", s.Interval.Lower);
                w.WriteNumber("upper", s.Interval.Upper);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("paired");
            foreach (var p in report.PairedComparisons)
            {
                w.WriteStartObject();
                w.WriteString("criterion", p.Criterion);
                w.WriteString("modelA", p.ModelA);
                w.WriteString("modelB", p.ModelB);
                w.WriteNumber("bothPassed", p.BothPassed);
                w.WriteNumber("onlyAPassed", p.OnlyAPassed);
                w.WriteNumber("onlyBPassed", p.OnlyBPassed);
                w.WriteNumber("neitherPassed", p.NeitherPassed);
                w.WriteNumber("pValue", p.PValue);
                w.WriteBoolean("significant", p.IsSignificant(report.Alpha));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("winRates");
            foreach (var r in report.WinRates)
            {
                w.WriteStartObject();
                w.WriteString("modelA", r.ModelA);
                w.WriteString("modelB", r.ModelB);
                w.WriteNumber("wins", r.Wins);
                w.WriteNumber("losses", r.Losses);
                w.WriteNumber("ties", r.Ties);
                w.WriteNumber("errors", r.Errors);
                w.WriteNumber("rate", r.Rate);
                w.WriteNumber("pValue", r.PValue);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("usage");
            foreach (var u in report.Usage)
            {
                w.WriteStartObject();
                w.WriteString("model", u.Model);
                w.WriteNumber("answers", u.Answers);
                w.WriteNumber("failedCalls", u.FailedCalls);
                w.WriteNumber("latencyP50Ms", u.LatencyP50Milliseconds);
                w.WriteNumber("latencyP95Ms", u.LatencyP95Milliseconds);
                w.WriteNumber("inputTokens", u.InputTokens);
                w.WriteNumber("outputTokens", u.OutputTokens);
                if (u.Cost is { } cost)
                {
                    w.WriteNumber("cost", cost);
                }
                else
                {
                    w.WriteNull("cost");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("regressions");
            foreach (var r in report.Regressions)
            {
                w.WriteStartObject();
                w.WriteString("case", r.CaseId);
                w.WriteNumber("repeat", r.Repeat);
                w.WriteString("criterion", r.Criterion);
                w.WriteString("model", r.Model);
                w.WriteString("reason", r.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("results");
            foreach (var r in report.Results)
            {
                w.WriteStartObject();
                CaseResultJson.WriteProperties(w, r, "response", includeResumed: true);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("pairwise");
            foreach (var p in report.Pairwise)
            {
                w.WriteStartObject();
                w.WriteString("case", p.CaseId);
                w.WriteNumber("repeat", p.Repeat);
                w.WriteString("modelA", p.ModelA);
                w.WriteString("modelB", p.ModelB);
                w.WriteString("outcome", p.Verdict.Outcome.ToString());
                w.WriteString("reason", p.Verdict.Reason);
                w.WriteString("firstOrder", p.Verdict.FirstOrder);
                w.WriteString("secondOrder", p.Verdict.SecondOrder);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
