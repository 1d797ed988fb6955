using System.Diagnostics;
using System.Text.RegularExpressions;
using FineTuning.Toolkit.Comparison.Reports;

namespace FineTuning.Toolkit.Tests.Comparison.Reports;

public class HtmlReportBrowserTests
{
    private static readonly string? Chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    [SkippableFact]
    public async Task WriteAsync_Html_OpensInHeadlessChromium_NoConsoleErrorsAndChartsRendered()
    {
        Skip.If(Chromium is null, "Headless Chromium is not installed (/usr/bin/chromium); .ci/run installs the Debian package.");
        var directory = ComparisonTestFiles.TempDirectory();
        var page = Path.Combine(directory, "report.html");
        var report = await ComparisonReportTests.SampleReportAsync();
        await report.WriteAsync(IReportWriter.Html, page);

        var (dom, stderr) = await RunChromiumAsync(Chromium!, directory, "--dump-dom", new Uri(page).AbsoluteUri);

        Assert.DoesNotMatch(new Regex("Uncaught|CONSOLE\\(\\d+\\)\\].*(Error|error)|Refused to", RegexOptions.CultureInvariant), stderr);
        Assert.Contains("data-charts-ready=\"true\"", dom, StringComparison.Ordinal);
        var labels = Regex.Matches(dom, "<text class=\"bar-label\"[^>]*>([^<]+)</text>");
        var bars = Regex.Matches(dom, "<rect class=\"bar\"");
        Assert.True(bars.Count >= 10, $"{bars.Count} bars");
        Assert.Equal(bars.Count, labels.Count);
        Assert.Contains(labels, m => m.Groups[1].Value == "100%");
        Assert.Contains(labels, m => m.Groups[1].Value.StartsWith("p95 ", StringComparison.Ordinal));
        Assert.Contains("of 6 cases shown", dom, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(dom, "<polyline class=\"loss-line\"").Count);
        Assert.DoesNotContain("<script>alert", dom, StringComparison.Ordinal);
    }

    private static async Task<(string Stdout, string Stderr)> RunChromiumAsync(string chromium, string directory, string mode, string url)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", $"--user-data-dir={Path.Combine(directory, "profile")}",
            "--enable-logging=stderr", "--v=0", mode, url,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("Chromium did not finish within 90 seconds.");
        }

        return (await stdout, await stderr);
    }
}
