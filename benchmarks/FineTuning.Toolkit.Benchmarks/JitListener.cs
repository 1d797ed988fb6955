using System.Collections.Concurrent;
using System.Globalization;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>Counts the methods the JIT compiles in this process, by tier and by namespace (a diagnostic of the
/// <c>validator-process</c> child, on with <c>FTT_JIT_LOG=1</c>): what a short-lived process spends on compiling. With
/// <c>FTT_JIT_LOG=2</c> it also lists every compilation with its time and tier: which code ran unoptimised or
/// instrumented first, and what the JIT still compiles late in the run.</summary>
internal sealed class JitListener(bool listMethods) : RuntimeEventListener(0x10, "MethodLoadVerbose")
{
    // The runtime's OptimizationTier, bits 7-9 of MethodLoadVerbose's MethodFlags.
    private static readonly string[] Tiers = ["unknown", "min-opts", "optimized", "tier0", "tier1", "ready-to-run", "tier1-instrumented", "tier0-instrumented"];

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _promoted = new();
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    public void Print(TextWriter writer)
    {
        foreach (var (key, count) in _counts.ToArray().OrderByDescending(p => p.Value).Take(40))
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count,6} {key}"));
        }

        foreach (var method in _promoted.ToArray())
        {
            writer.WriteLine($"jit: {method}");
        }
    }

    protected override void OnRuntimeEvent(Func<string, object?> field)
    {
        string Get(string name) => field(name)?.ToString() ?? string.Empty;
        var flags = uint.TryParse(Get("MethodFlags"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) ? f : 0;
        var tier = Tiers[(flags >> 7) & 0x7];
        var space = Get("MethodNamespace");
        var cut = space.IndexOf('[', StringComparison.Ordinal);
        var shortSpace = cut > 0 ? space[..cut] : space;
        var key = $"{tier,-19} {string.Join('.', shortSpace.Split('.').Take(4))}";
        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        _counts.AddOrUpdate($"{tier} (all)", 1, (_, n) => n + 1);
        if (listMethods)
        {
            _promoted.Enqueue($"{_clock.Elapsed.TotalMilliseconds,7:F0} ms {tier,-19} {space}.{Get("MethodName")}");
        }
    }
}
