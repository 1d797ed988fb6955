namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// What changed in a watched job since the previous update: the status, new events (each event appears in exactly one
/// update), and the progress derived from them.
/// </summary>
public sealed class FineTuneUpdate
{
    /// <summary>Gets the job as last read.</summary>
    public required FineTuneJob Job { get; init; }

    /// <summary>Gets the status before this update, or <see langword="null"/> for the first update.</summary>
    public FineTuneJobStatus? PreviousStatus { get; init; }

    /// <summary>Gets a value indicating whether the status changed (always <see langword="true"/> for the first update).</summary>
    public bool StatusChanged => PreviousStatus is not { } previous || previous != Job.Status;

    /// <summary>Gets the events that appeared since the previous update, oldest first.</summary>
    public IReadOnlyList<FineTuneEvent> NewEvents { get; init; } = [];

    /// <summary>Gets the progress after this update.</summary>
    public required FineTuneProgress Progress { get; init; }

    /// <summary>Gets a value indicating whether the job has ended; this is the last update.</summary>
    public bool IsTerminal => Job.Status.IsTerminal;

    /// <inheritdoc />
    public override string ToString() => $"{Job.Id} {Job.Status} (+{NewEvents.Count} events)";
}
