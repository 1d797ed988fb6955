using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>Samples the allocations of this process by type from the runtime's <c>GCAllocationTick</c> events (one event
/// per about 100 KB allocated), a diagnostic of the <c>validator-process</c> child, on with <c>FTT_ALLOC_LOG=1</c>: which
/// types fill the GC's budget, and so the process's peak memory.</summary>
internal sealed class AllocationListener : EventListener
{
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    public void Print(TextWriter writer)
    {
        foreach (var (type, bytes) in _bytes.ToArray().OrderByDescending(p => p.Value).Take(25))
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alloc {bytes / 1e6,8:F1} MB  {type}"));
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // The GC keyword (0x1) at verbose level carries AllocationTick.
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var names = eventData.PayloadNames!;
        var typeIndex = names.IndexOf("TypeName");
        var amountIndex = names.IndexOf("AllocationAmount64") is var i64 and >= 0 ? i64 : names.IndexOf("AllocationAmount");
        if (typeIndex < 0 || amountIndex < 0)
        {
            return;
        }

        var type = eventData.Payload[typeIndex]?.ToString() ?? "?";
        var amount = Convert.ToInt64(eventData.Payload[amountIndex], CultureInfo.InvariantCulture);
        _bytes.AddOrUpdate(type, amount, (_, total) => total + amount);
    }
}
