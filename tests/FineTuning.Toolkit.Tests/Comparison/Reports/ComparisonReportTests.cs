using FineTuning.Toolkit.Providers;
using System.Text.Json;
using System.Text.RegularExpressions;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Reports;
using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison.Reports;

public class ComparisonReportTests
{
    internal const string Hostile = "<script>alert('x')</script> & \"quotes\" <img src=http://example.com/x.png>";

    internal static async Task<ComparisonReport> SampleReportAsync()
    {
        var hostile = TestChatClient.Answering(p => p.Contains("(1)", StringComparison.Ordinal) ? Hostile : TechFlowAnswers.Plain, "hostile");
        var judge = new TestChatClient
        {
            GetResponseAsyncCallback = (messages, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, messages[^1].Text.Contains("🔐", StringComparison.Ordinal) ? "{\"winner\": \"tie\"}" : "{\"winner\": \"1\"}"))),
        };
        var options = ComparisonFixtures.Options(o => o.PairwiseJudge = new PairwiseJudge(judge));
        return await new ModelComparer(options).CompareAsync(
            ComparisonFixtures.Suite(6),
            [
                new ModelUnderTest("ft", ComparisonFixtures.FineTuned()) { Pricing = new ModelPrice(null, 0.3m, 1.2m), TrainingMetrics = LossCurve() },
                new ModelUnderTest("base <b>", hostile) { Pricing = new ModelPrice(null, 0.15m, 0.6m) },
            ]);
    }

    internal static IReadOnlyList<FineTuneStepMetrics> LossCurve() =>
        Enumerable.Range(1, 30)
            .Select(step => new FineTuneStepMetrics { Step = step, TrainLoss = 2.0 / step, ValidationLoss = step % 5 == 0 ? 2.2 / step : null })
            .ToList();

    [Fact]
    public async Task ToHtml_ModelWithTrainingMetrics_DrawsTrainAndValidationLossCurves()
    {
        var report = await SampleReportAsync();

        var html = report.ToHtml();

        Assert.Contains("id=\"loss-chart\"", html, StringComparison.Ordinal);
        var lines = Regex.Matches(html, "<polyline class=\"loss-line\" data-model=\"([^\"]+)\" data-series=\"(\\w+)\"[^>]*points=\"([^\"]+)\"");
        Assert.Equal(["ft/train", "ft/valid"], lines.Select(m => $"{m.Groups[1].Value}/{m.Groups[2].Value}").ToArray());
        Assert.Equal(30, lines[0].Groups[3].Value.Split(' ').Length);
        Assert.Equal(6, lines[1].Groups[3].Value.Split(' ').Length);
        Assert.Same(report.TrainingMetrics["ft"], report.TrainingMetrics.Single().Value);
    }

    [Fact]
    public async Task ToHtml_NoTrainingMetrics_HasNoLossChart()
    {
        var report = await new ModelComparer(ComparisonFixtures.Options()).CompareAsync(
            ComparisonFixtures.Suite(2), new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));

        Assert.Empty(report.TrainingMetrics);
        Assert.DoesNotContain("loss-chart", report.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToMarkdown_HasGatesRatesPairedTestsUsageAndRegressions()
    {
        var report = await SampleReportAsync();

        var markdown = report.ToMarkdown();

        Assert.Contains("## Model comparison: fixture", markdown, StringComparison.Ordinal);
        Assert.Contains("### Success gates", markdown, StringComparison.Ordinal);
        Assert.Contains("| format | 100% [61%, 100%] over 6 cases |", markdown, StringComparison.Ordinal);
        Assert.Contains("### Paired tests over cases (McNemar exact", markdown, StringComparison.Ordinal);
        Assert.Contains("| format | ft vs base &lt;b> | 0 | 6 | 0 | 0 | 0.031 | **ft** better (significant) |", markdown, StringComparison.Ordinal);
        Assert.Contains("### Pairwise judge", markdown, StringComparison.Ordinal);
        Assert.Contains("| ft | 6 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("0.0001", markdown, StringComparison.Ordinal);
        Assert.Contains("### Regressions against ft (", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToJson_IsValidJsonWithSummariesAndResults()
    {
        var report = await SampleReportAsync();

        using var document = JsonDocument.Parse(report.ToJson());
        var root = document.RootElement;

        Assert.Equal("ft", root.GetProperty("baseline").GetString());
        Assert.Equal(12, root.GetProperty("results").GetArrayLength());
        Assert.Equal(6, root.GetProperty("pairwise").GetArrayLength());
        var format = root.GetProperty("summaries").EnumerateArray().Single(s => s.GetProperty("model").GetString() == "ft" && s.GetProperty("criterion").GetString() == Criteria.Format);
        Assert.Equal(6, format.GetProperty("passed").GetInt32());
        Assert.Contains(root.GetProperty("results").EnumerateArray(), r => r.GetProperty("response").GetString() == Hostile);
    }

    [Fact]
    public async Task ToHtml_EncodesModelTextAndNeedsNoNetwork()
    {
        var report = await SampleReportAsync();

        var html = report.ToHtml();

        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;", html, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(html, "<script>"));
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"criteria-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("<svg id=\"latency-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("data-regression=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"whisker\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_NullArguments_Throw()
    {
        var report = await SampleReportAsync();

        await Assert.ThrowsAsync<ArgumentNullException>("writer", () => report.WriteAsync(null!, new MemoryStream()));
        await Assert.ThrowsAsync<ArgumentNullException>("path", () => report.WriteAsync(IReportWriter.Html, (string)null!));
        await Assert.ThrowsAsync<ArgumentNullException>("destination", () => report.WriteAsync(IReportWriter.Html, (Stream)null!));
        await Assert.ThrowsAsync<ArgumentNullException>("report", () => IReportWriter.Json.WriteAsync(null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>("model", () => report.GetRegressions(null!));
    }

    [Fact]
    public async Task WriteAsync_BuiltInWriters_WriteWhatTheStringRenderingsHoldAsUtf8WithoutBom()
    {
        var report = await SampleReportAsync();
        (IReportWriter Writer, string Expected, string Extension)[] formats =
            [(IReportWriter.Html, report.ToHtml(), ".html"), (IReportWriter.Markdown, report.ToMarkdown(), ".md"), (IReportWriter.Json, report.ToJson(), ".json")];

        foreach (var (writer, expected, extension) in formats)
        {
            using var stream = new MemoryStream();
            await report.WriteAsync(writer, stream);
            var bytes = stream.ToArray();

            Assert.Equal(extension, writer.FileExtension);
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(bytes));
        }
    }

    [Fact]
    public async Task WriteAsync_CustomWriterToFile_WritesThroughTheWriterAndReplacesTheFile()
    {
        var report = await SampleReportAsync();
        var path = Path.Combine(ComparisonTestFiles.TempDirectory(), "report.txt");
        await File.WriteAllTextAsync(path, new string('x', 10_000));

        await report.WriteAsync(new CsvGatesWriter(), path);

        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(report.Gates.Count, lines.Length);
        Assert.All(lines, line => Assert.Matches("^[^,]+,[^,]+,(True|False)$", line));
    }

    /// <summary>A custom format: one CSV line per gate.</summary>
    private sealed class CsvGatesWriter : IReportWriter
    {
        public string FileExtension => ".csv";

        public async Task WriteAsync(ComparisonReport report, Stream destination, CancellationToken cancellationToken = default)
        {
            var text = string.Join("\n", report.Gates.Select(g => $"{g.Gate.Replace(',', ' ')},{g.Model},{g.Passed}"));
            await destination.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);
        }
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
