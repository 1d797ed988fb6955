using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// The measurements a <see cref="MeasuringChatClient"/> stamps on a response (in its additional properties, so they
/// travel through a cache with the answer), and the set of calls made by this run, which tells a fresh answer from a
/// cached one.
/// </summary>
internal sealed class CallStamp
{
    internal const string CallIdProperty = "ftk.call_id";
    internal const string LatencyProperty = "ftk.latency_ms";
    internal const string FirstTokenProperty = "ftk.first_token_ms";

    private readonly ConcurrentDictionary<string, byte> _calls = new(StringComparer.Ordinal);

    /// <summary>Records the measurements of a fresh call.</summary>
    public AdditionalPropertiesDictionary Create(TimeSpan latency, TimeSpan? firstToken)
    {
        var id = Guid.NewGuid().ToString("N");
        _calls[id] = 0;
        var properties = new AdditionalPropertiesDictionary
        {
            [CallIdProperty] = id,
            [LatencyProperty] = latency.TotalMilliseconds,
        };
        if (firstToken is { } first)
        {
            properties[FirstTokenProperty] = first.TotalMilliseconds;
        }

        return properties;
    }

    /// <summary>Reads the stamp of a response: whether this run called the model for it, and what was measured then.</summary>
    public (bool Fresh, double LatencyMilliseconds, double? FirstTokenMilliseconds) Read(ChatResponse response)
    {
        var properties = response.AdditionalProperties;
        var id = properties is not null && properties.TryGetValue(CallIdProperty, out var value) ? AsString(value) : null;
        // A call is fresh once: the id is forgotten when read, so the set holds only calls in flight, not one per answer.
        var fresh = id is not null && _calls.TryRemove(id, out _);
        return (fresh, AsDouble(properties, LatencyProperty) ?? 0, AsDouble(properties, FirstTokenProperty));
    }

    private static string? AsString(object? value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => null,
    };

    private static double? AsDouble(AdditionalPropertiesDictionary? properties, string name)
    {
        if (properties is null || !properties.TryGetValue(name, out var value))
        {
            return null;
        }

        return value switch
        {
            double d => d,
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
            IConvertible c => c.ToDouble(CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}
