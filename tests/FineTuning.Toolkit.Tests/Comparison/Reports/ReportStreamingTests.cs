using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Reports;

namespace FineTuning.Toolkit.Tests.Comparison.Reports;

/// <summary>Large reports: the JSON report is streamed from the stored results, the HTML report shows a bounded sample.</summary>
public sealed class ReportStreamingTests
{
    [Fact]
    public async Task WriteAsync_JsonOfALargeReport_WrittenInPiecesWithEveryAnswer()
    {
        var plain = string.Concat(Enumerable.Repeat(TechFlowAnswers.Plain + "\n", 50));
        var formatted = string.Concat(Enumerable.Repeat(TechFlowAnswers.Formatted + "\n", 12));
        var report = await new ModelComparer(ComparisonFixtures.Options(o => o.MaxConcurrency = 16)).CompareAsync(
            ComparisonFixtures.Suite(1000),
            new ModelUnderTest("base", TestChatClient.Answering(_ => plain, "base")),
            new ModelUnderTest("ft", TestChatClient.Answering(_ => formatted, "ft")));
        var destination = new RecordingStream();

        await report.WriteAsync(IReportWriter.Json, destination);

        Assert.True(destination.Length > 8_000_000, $"{destination.Length} bytes");
        Assert.True(destination.Writes > 100, $"{destination.Writes} writes");
        Assert.True(destination.LargestWrite < destination.Length / 100, $"largest write {destination.LargestWrite} of {destination.Length} bytes");
        using var json = JsonDocument.Parse(destination.ToArray());
        var results = json.RootElement.GetProperty("results");
        Assert.Equal(2000, results.GetArrayLength());
        Assert.Equal(("base", "case-00", plain), (results[0].GetProperty("model").GetString(), results[0].GetProperty("case").GetString(), results[0].GetProperty("response").GetString()));
        Assert.Equal(("ft", "case-999", formatted), (results[1999].GetProperty("model").GetString(), results[1999].GetProperty("case").GetString(), results[1999].GetProperty("response").GetString()));
        Assert.Equal(report.Regressions.Count, json.RootElement.GetProperty("regressions").GetArrayLength());
        Assert.Equal(report.ToJson(), Encoding.UTF8.GetString(destination.ToArray()));
    }

    [Fact]
    public async Task WriteAsync_HtmlOfManyCases_ShowsABoundedSampleWithTheRegressionsFirstAndSaysWhatIsOmitted()
    {
        // The candidate falls back to a plain answer on every 7th case: regressions against the baseline there.
        static int Number(string prompt) => int.Parse(Regex.Match(prompt, @"\((\d+)\)").Groups[1].Value, CultureInfo.InvariantCulture);
        var candidate = TestChatClient.Answering(p => Number(p) % 7 == 0 ? TechFlowAnswers.Plain : TechFlowAnswers.Formatted, "candidate");
        var report = await new ModelComparer(ComparisonFixtures.Options(o => o.MaxConcurrency = 16)).CompareAsync(
            ComparisonFixtures.Suite(600),
            new ModelUnderTest("base", TestChatClient.Answering(_ => TechFlowAnswers.Formatted, "base")),
            new ModelUnderTest("candidate", candidate));
        var regressed = report.Regressions.Select(r => r.CaseId).Distinct().ToList();
        var destination = new RecordingStream();

        await report.WriteAsync(IReportWriter.Html, destination);

        var html = Encoding.UTF8.GetString(destination.ToArray());
        Assert.InRange(regressed.Count, 86, 100);
        Assert.Equal(HtmlTranscripts.MaxRows, Regex.Count(html, "<tr class=\"case-row\""));
        Assert.Equal(regressed.Count, Regex.Count(html, "<tr class=\"case-row\"[^>]*data-regression=\"true\""));
        Assert.All(regressed, caseId => Assert.Contains($"data-case=\"{caseId}\"", html, StringComparison.Ordinal));
        Assert.Contains("Showing 500 of 600 case rows", html, StringComparison.Ordinal);
        Assert.Contains("IReportWriter.Json", html, StringComparison.Ordinal);
        var others = report.Suite.Cases.Select(c => c.Id).Where(id => !regressed.Contains(id)).ToList();
        Assert.Contains($"data-case=\"{others[0]}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-case=\"{others[^1]}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_HtmlOfAFewCases_ShowsEveryCaseWithoutANotice()
    {
        var report = await new ModelComparer(ComparisonFixtures.Options()).CompareAsync(ComparisonFixtures.Suite(6), new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned()));

        var html = report.ToHtml();

        Assert.Equal(6, Regex.Count(html, "<tr class=\"case-row\""));
        Assert.DoesNotContain("transcripts-omitted", html, StringComparison.Ordinal);
    }

    /// <summary>A memory stream that records how the writer wrote to it.</summary>
    private sealed class RecordingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public int LargestWrite { get; private set; }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Record(buffer.Length);
            base.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Record(count);
            base.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Record(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Record(count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        private void Record(int count)
        {
            Writes++;
            LargestWrite = Math.Max(LargestWrite, count);
        }
    }
}
