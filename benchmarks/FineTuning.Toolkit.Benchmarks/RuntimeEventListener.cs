using System.Diagnostics.Tracing;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>Listens to one kind of the runtime's own events in this process (<c>Microsoft-Windows-DotNETRuntime</c>, at
/// verbose level, with the given keywords), handing each event of that name to <see cref="OnRuntimeEvent"/> with a
/// reader of its payload fields: the base of the benchmark's in-process diagnostics.</summary>
/// <param name="keywords">The runtime's keywords to enable (0x1: GC, 0x10: JIT).</param>
/// <param name="eventName">The start of the events' names to keep.</param>
internal abstract class RuntimeEventListener(long keywords, string eventName) : EventListener
{
    // EventListener's constructor already calls OnEventSourceCreated; the primary constructor's parameter is stored
    // before that base constructor runs.
    private long Keywords => keywords;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)Keywords);
        }
    }

    protected sealed override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is { } name && name.StartsWith(eventName, StringComparison.Ordinal) && eventData.Payload is not null)
        {
            OnRuntimeEvent(field => Field(eventData, field));
        }
    }

    /// <summary>Handles one event.</summary>
    /// <param name="field">Reads a payload field (null when the event has none of that name).</param>
    protected abstract void OnRuntimeEvent(Func<string, object?> field);

    private static object? Field(EventWrittenEventArgs eventData, string field) =>
        eventData.PayloadNames!.IndexOf(field) is var i and >= 0 ? eventData.Payload![i] : null;
}
