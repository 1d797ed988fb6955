using System.Collections.Concurrent;
using System.Globalization;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>Samples the allocations of this process by type from the runtime's <c>GCAllocationTick</c> events (one event
/// per about 100 KB allocated), a diagnostic of the <c>validator-process</c> child, on with <c>FTT_ALLOC_LOG=1</c>: which
/// types fill the GC's budget, and so the process's peak memory.</summary>
internal sealed class AllocationListener() : RuntimeEventListener(0x1, "GCAllocationTick")
{
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    public void Print(TextWriter writer)
    {
        foreach (var (type, bytes) in _bytes.ToArray().OrderByDescending(p => p.Value).Take(25))
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alloc {bytes / 1e6,8:F1} MB  {type}"));
        }
    }

    protected override void OnRuntimeEvent(Func<string, object?> field)
    {
        // The GC keyword (0x1) at verbose level carries AllocationTick: one event per about 100 KB allocated.
        if (field("TypeName") is not { } type || (field("AllocationAmount64") ?? field("AllocationAmount")) is not { } amount)
        {
            return;
        }

        var bytes = Convert.ToInt64(amount, CultureInfo.InvariantCulture);
        _bytes.AddOrUpdate(type.ToString() ?? "?", bytes, (_, total) => total + bytes);
    }
}
