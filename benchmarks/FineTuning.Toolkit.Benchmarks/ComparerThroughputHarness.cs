using System.Diagnostics;
using System.Globalization;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>
/// 200 cases × 2 models against clients with 100 ms latency: <see cref="ModelComparer"/> at concurrency 16 against the
/// ideal (cases × models × latency / concurrency) and against the lab's sequential loop (one prompt, base then
/// fine-tuned, then the next prompt), then a second, cached run that must make zero model calls.
/// </summary>
public sealed class ComparerThroughputHarness : IHarness
{
    private const int Cases = 200;
    private const int Concurrency = 16;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);

    /// <inheritdoc/>
    public string Name => "comparer-throughput";

    /// <inheritdoc/>
    public string Description => "ModelComparer: 200 cases x 2 models at 100 ms latency, concurrency 16 vs ideal vs the lab's sequential loop; cached re-run";

    /// <inheritdoc/>
    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var suite = new TestSuite(
            "throughput",
            Enumerable.Range(0, Cases).Select(i => TestCase.FromPrompt($"case-{i:000}", $"My payment failed, what do I do? (#{i})", "billing", new TestExpectations { ShouldEscalate = i % 10 == 0 })),
            "You are TechFlow's helpful support assistant.");
        const string Formatted = "I'd be happy to help! 💳\n\n**Quick Steps:**\n1. Open techflow.com/billing\n2. Update your card\n\n**Need more help?** Let me know!";
        const string Plain = "Please update your card in the billing settings.";
        var cache = Directory.CreateTempSubdirectory("ftt-comparer-bench-").FullName;
        try
        {
            var options = new ModelComparerOptions
            {
                MaxConcurrency = Concurrency,
                CacheDirectory = cache,
                Scorers = ModelComparerOptions.DefaultScorers(FactCatalog.TechFlow()),
            };
            var baseClient = new ComparerLatencyClient(Latency, Plain);
            var ftClient = new ComparerLatencyClient(Latency, Formatted);
            var comparer = new ModelComparer(options);

            // Warm-up (JIT, regexes, JSON contracts) on 8 cases without latency and without the cache, as BenchmarkDotNet would.
            var warmUp = new TestSuite("warm-up", suite.Cases.Take(8), suite.SystemPrompt);
            await new ModelComparer(new ModelComparerOptions { MaxConcurrency = Concurrency, Scorers = options.Scorers }).CompareAsync(
                warmUp, new ModelUnderTest("base", new ComparerLatencyClient(TimeSpan.Zero, Plain)), new ModelUnderTest("fine-tuned", new ComparerLatencyClient(TimeSpan.Zero, Formatted)), cancellationToken);

            var watch = Stopwatch.StartNew();
            var report = await comparer.CompareAsync(suite, new ModelUnderTest("base", baseClient) { ModelId = "bench-base" }, new ModelUnderTest("fine-tuned", ftClient) { ModelId = "bench-ft" }, cancellationToken);
            var concurrent = watch.Elapsed;
            var ideal = TimeSpan.FromTicks(Cases * 2 * Latency.Ticks / Concurrency);

            var sequentialCases = quick ? 20 : Cases;
            var seqBase = new ComparerLatencyClient(Latency, Plain);
            var seqFt = new ComparerLatencyClient(Latency, Formatted);
            watch.Restart();
            foreach (var testCase in suite.Cases.Take(sequentialCases))
            {
                ChatMessage[] messages = [new(ChatRole.System, suite.SystemPrompt!), new(ChatRole.User, testCase.Prompt)];
                _ = (await seqBase.GetResponseAsync(messages, null, cancellationToken)).Text;
                _ = (await seqFt.GetResponseAsync(messages, null, cancellationToken)).Text;
            }

            var sequentialMeasured = watch.Elapsed;
            var sequential = TimeSpan.FromTicks(sequentialMeasured.Ticks * Cases / sequentialCases);

            var cachedBase = new ComparerLatencyClient(Latency, Plain);
            var cachedFt = new ComparerLatencyClient(Latency, Formatted);
            watch.Restart();
            var cached = await new ModelComparer(options).CompareAsync(suite, new ModelUnderTest("base", cachedBase) { ModelId = "bench-base" }, new ModelUnderTest("fine-tuned", cachedFt) { ModelId = "bench-ft" }, cancellationToken);
            var cachedTime = watch.Elapsed;

            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(c, $"cases x models          {Cases} x 2, latency {Latency.TotalMilliseconds:0} ms, concurrency {Concurrency}"));
            Console.WriteLine(string.Create(c, $"ModelComparer           {concurrent.TotalSeconds:0.00} s ({report.Run.ModelCalls} model calls)"));
            Console.WriteLine(string.Create(c, $"ideal                   {ideal.TotalSeconds:0.00} s -> comparer / ideal = {concurrent / ideal:0.00}x (target <= 1.30x)"));
            Console.WriteLine(sequentialCases == Cases
                ? string.Create(c, $"lab sequential loop     {sequential.TotalSeconds:0.00} s (measured on all {Cases} cases)")
                : string.Create(c, $"lab sequential loop     {sequential.TotalSeconds:0.00} s (quick mode: measured {sequentialMeasured.TotalSeconds:0.00} s on {sequentialCases} cases, extrapolated to {Cases})"));
            Console.WriteLine(string.Create(c, $"speed-up vs lab loop    {sequential / concurrent:0.0}x"));
            Console.WriteLine(string.Create(c, $"cached re-run           {cachedTime.TotalSeconds:0.00} s, {cachedBase.Calls + cachedFt.Calls} model calls, {cached.Run.CacheHits} cache hits"));
            Console.WriteLine(string.Create(c, $"format pass rate        base {report.GetSummary("base", Criteria.Format)!.Rate:0.00}, fine-tuned {report.GetSummary("fine-tuned", Criteria.Format)!.Rate:0.00}, McNemar p = {report.GetPaired(Criteria.Format, "base", "fine-tuned")!.PValue:0.###E+0}"));
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }
}
