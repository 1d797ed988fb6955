using BenchmarkDotNet.Attributes;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>
/// The comparer's own overhead (scheduling, scoring, statistics, report) with zero-latency clients, against the naive
/// sequential loop that calls both models and runs the same scorers per case without statistics.
/// </summary>
public class ComparerSchedulingBenchmarks
{
    private const string Formatted = "I'd be happy to help! 💳\n\n**Quick Steps:**\n1. Open techflow.com/billing\n2. Update your card\n\n**Need more help?** Let me know!";
    private TestSuite _suite = null!;
    private IList<IScorer> _scorers = null!;
    private ComparerLatencyClient _base = null!;
    private ComparerLatencyClient _ft = null!;

    /// <summary>Gets or sets the number of cases.</summary>
    [Params(200)]
    public int Cases { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _suite = new TestSuite(
            "scheduling",
            Enumerable.Range(0, Cases).Select(i => TestCase.FromPrompt($"case-{i:000}", $"My payment failed (#{i})", "billing", new TestExpectations { ShouldEscalate = false })),
            "You are TechFlow's helpful support assistant.");
        _scorers = ModelComparerOptions.DefaultScorers(FactCatalog.TechFlow());
        _base = new ComparerLatencyClient(TimeSpan.Zero, "Please update your card in the billing settings.");
        _ft = new ComparerLatencyClient(TimeSpan.Zero, Formatted);
    }

    [Benchmark(Baseline = true)]
    public async Task<int> SequentialLoop()
    {
        var passes = 0;
        foreach (var testCase in _suite.Cases)
        {
            ChatMessage[] messages = [new(ChatRole.System, _suite.SystemPrompt!), new(ChatRole.User, testCase.Prompt)];
            foreach (var client in new[] { _base, _ft })
            {
                var text = (await client.GetResponseAsync(messages)).Text;
                foreach (var scorer in _scorers)
                {
                    passes += (await scorer.ScoreAsync(new ScoringContext(testCase, "m", text))).Passed ? 1 : 0;
                }
            }
        }

        return passes;
    }

    [Benchmark]
    public async Task<int> ModelComparer16()
    {
        var comparer = new ModelComparer(new ModelComparerOptions { MaxConcurrency = 16, Scorers = _scorers });
        var report = await comparer.CompareAsync(_suite, new ModelUnderTest("base", _base), new ModelUnderTest("ft", _ft));
        return report.Results.Count;
    }
}
