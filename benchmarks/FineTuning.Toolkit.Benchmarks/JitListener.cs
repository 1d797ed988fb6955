using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>Counts the methods the JIT compiles in this process, by tier and by namespace (a diagnostic of the
/// <c>validator-process</c> child, on with <c>FTT_JIT_LOG=1</c>): what a short-lived process spends on compiling.</summary>
internal sealed class JitListener : EventListener
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Print(TextWriter writer)
    {
        foreach (var (key, count) in _counts.OrderByDescending(p => p.Value).Take(40))
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count,6} {key}"));
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x10);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var names = eventData.PayloadNames!;
        string Get(string field) => names.IndexOf(field) is var i and >= 0 ? eventData.Payload[i]?.ToString() ?? string.Empty : string.Empty;
        var space = Get("MethodNamespace");
        var cut = space.IndexOf('[', StringComparison.Ordinal);
        space = cut > 0 ? space[..cut] : space;
        var parts = space.Split('.');
        var key = $"tier {Get("OptimizationTier"),-22} {string.Join('.', parts.Take(4))}";
        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        _counts.AddOrUpdate($"tier {Get("OptimizationTier")} (all)", 1, (_, n) => n + 1);
    }
}
