using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Comparison.Reports;
using FineTuning.Toolkit.Providers;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>
/// One measured comparison in its own process: <c>cases</c> generated support prompts × 2 emulator models, in batch mode
/// or live at concurrency 16. Prints one line: wall time, peak working set, HTTP requests, errors, and a digest of every
/// per-case score of the first 200 cases (equal digests = equal scores).
/// </summary>
internal static class BatchComparisonWorker
{
    private static readonly string[] Topics = ["password reset", "invoice download", "card declined", "data export", "team invite", "two-factor codes", "sync on mobile", "refund", "plan upgrade", "notifications"];
    private static readonly string[] Forms = ["How do I handle {0}?", "I have a problem with {0}, can you help?", "What are the steps for {0} (case {1})?", "Quick question about {0} for account #{1}.", "Nothing works with {0}! Ticket {1}."];
    private static readonly string[] Categories = ["account", "billing", "features", "bugs"];

    public static async Task<int> RunAsync(string[] args)
    {
        var mode = args[0] is "batch" or "batch-phase" ? ComparisonExecutionMode.Batch : ComparisonExecutionMode.Live;
        var cases = int.Parse(args[1], CultureInfo.InvariantCulture);
        var endpoint = new Uri(args[2]);
        var key = args[3];
        var speed = double.Parse(args[4], CultureInfo.InvariantCulture);

        var counter = new CountingHandler();
        using var http = new HttpClient(counter) { Timeout = TimeSpan.FromMinutes(10) };
        var transport = new HttpClientPipelineTransport(http);
        var clientOptions = new OpenAIClientOptions { Endpoint = endpoint, Transport = transport, NetworkTimeout = TimeSpan.FromMinutes(10) };
        var credential = new ApiKeyCredential(key);
        var models = new[]
        {
            new ModelUnderTest("base", new ChatClient("gpt-4o-mini-2024-07-18", credential, clientOptions).AsIChatClient()) { Pricing = new ModelPrice(null, 0.15m, 0.60m) { BatchDiscount = 0.5m } },
            new ModelUnderTest("other", new ChatClient("gpt-4.1-mini-2025-04-14", credential, clientOptions).AsIChatClient()) { Pricing = new ModelPrice(null, 0.40m, 1.60m) { BatchDiscount = 0.5m } },
        };
        var options = new ModelComparerOptions { Execution = mode, MaxConcurrency = 16, Seed = 7, MaxRetryAttempts = 2 };
        options.Batch.Connection = new FineTuneJobRunnerOptions { ApiKey = key, Endpoint = endpoint, Transport = transport };

        // Attempt timeouts run on the simulated clock too: give the emulator's result-file writing a minute of real time.
        options.Batch.Connection.Resilience.AttemptTimeout = TimeSpan.FromSeconds(60 * speed);
        options.Batch.WorkingDirectory = Directory.CreateTempSubdirectory("ftk-batch-bench-").FullName;

        // The comparer waits on a clock that runs as fast as the emulator's, so the jobs' polling cadence applies in simulated time.
        var clock = new EmulatorClock(TimeProvider.System, speed, DateTimeOffset.UtcNow);
        var watch = Stopwatch.StartNew();
        if (args[0] == "batch-phase")
        {
            // Only the batch execution (write, upload, submit, watch, download and index the results), without scoring.
            using var session = await BatchExecutor.PrepareAsync(Suite(cases), models, options, clock, NullLogger.Instance, null, CancellationToken.None);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"RESULT batch-phase cases={cases} wall={watch.Elapsed.TotalSeconds:0.00}s peakMB={Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0):0} gcHeapMB={GC.GetGCMemoryInfo().HeapSizeBytes / (1024.0 * 1024.0):0} http={counter.Count}"));
            return 0;
        }

        var batchPhase = TimeSpan.Zero;
        var batchPeak = 0L;
        var completed = 0;
        var progress = new SynchronousProgress<ComparisonProgress>(p =>
        {
            if (p.Model == "batch")
            {
                batchPhase = watch.Elapsed;
                batchPeak = Process.GetCurrentProcess().PeakWorkingSet64;
            }
            else
            {
                completed = p.Completed;
            }
        });

        // FTK_BENCH_TRACE=1: a line every second on standard error with the working set, the GC heap and the answers done.
        using var trace = Environment.GetEnvironmentVariable("FTK_BENCH_TRACE") == "1"
            ? new Timer(_ => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"TRACE t={watch.Elapsed.TotalSeconds:0.0}s ws={Environment.WorkingSet / 1048576}MB heap={GC.GetTotalMemory(false) / 1048576}MB committed={GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576}MB gen2={GC.CollectionCount(2)} done={completed}")), null, 0, 1000)
            : null;
        // The suite is the caller's input: its own size is measured apart from what the comparison keeps.
        var beforeSuite = GC.GetTotalMemory(forceFullCollection: true);
        var suite = Suite(cases);
        var suiteHeap = GC.GetTotalMemory(forceFullCollection: true) - beforeSuite;
        var report = await new ModelComparer(options, clock).CompareAsync(suite, models, progress);
        watch.Stop();
        var comparePeak = Process.GetCurrentProcess().PeakWorkingSet64;

        // What the finished report keeps alive (a full collection with the report still referenced).
        var liveHeap = GC.GetTotalMemory(forceFullCollection: true);

        // Writing the reports streams the per-case results from disk: the peak must not jump here.
        var reportWatch = Stopwatch.StartNew();
        var json = Path.Combine(options.Batch.WorkingDirectory, "report.json");
        var html = Path.Combine(options.Batch.WorkingDirectory, "report.html");
        await report.WriteAsync(IReportWriter.Json, json);
        await report.WriteAsync(IReportWriter.Html, html);
        reportWatch.Stop();
        var (jsonMB, htmlMB) = (new FileInfo(json).Length / (1024.0 * 1024.0), new FileInfo(html).Length / (1024.0 * 1024.0));

        var digest = string.Join(
            ";",
            report.Results.Where(r => string.CompareOrdinal(r.CaseId, $"case-{200:000000}") < 0)
                .OrderBy(r => r.Model, StringComparer.Ordinal).ThenBy(r => r.CaseId, StringComparer.Ordinal)
                .Select(r => r.Model + r.CaseId + string.Concat(r.Scores.Select(s => (int)s.Outcome))));
        Directory.Delete(options.Batch.WorkingDirectory, recursive: true);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var cost = report.Usage.Sum(u => u.Cost ?? 0);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"RESULT {mode} cases={cases} wall={watch.Elapsed.TotalSeconds:0.00}s batchPhase={batchPhase.TotalSeconds:0.00}s batchPhasePeakMB={batchPeak / (1024.0 * 1024.0):0} comparePeakMB={comparePeak / (1024.0 * 1024.0):0} suiteHeapMB={suiteHeap / (1024.0 * 1024.0):0.0} liveHeapMB={liveHeap / (1024.0 * 1024.0):0.0} reports={reportWatch.Elapsed.TotalSeconds:0.0}s jsonMB={jsonMB:0} htmlMB={htmlMB:0.0} peakMB={peak:0} http={counter.Count} httpPer1000Cases={counter.Count * 1000.0 / cases:0.0} results={report.Results.Count} errors={report.ErrorCount} cost={cost:0.0000} digest={Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(digest)))[..16]}"));
        return 0;
    }

    private static TestSuite Suite(int cases) => new(
        $"generated-{cases}",
        Enumerable.Range(0, cases).Select(i => TestCase.FromPrompt(
            $"case-{i:000000}",
            string.Format(CultureInfo.InvariantCulture, Forms[i % Forms.Length], Topics[(i / Forms.Length) % Topics.Length], i),
            Categories[i % Categories.Length])),
        "You are TechFlow's helpful support assistant.");
}
