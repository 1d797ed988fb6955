namespace FineTuning.Toolkit.Jobs;

/// <summary>What a watch has seen so far: the event cursor, the latest metrics, and the counters the cadence needs.</summary>
internal sealed class WatchState
{
    private readonly HashSet<string> _seenEventIds = new(StringComparer.Ordinal);

    public string? NewestEventId { get; set; }

    public FineTuneJobStatus? LastStatus { get; set; }

    public DateTimeOffset? LastEstimatedFinish { get; set; }

    public long? LastEventsFetch { get; set; }

    public int UnchangedPolls { get; set; }

    public int OverduePolls { get; set; }

    public int? Step { get; private set; }

    public int? TotalSteps { get; private set; }

    public double? TrainLoss { get; private set; }

    public double? ValidationLoss { get; private set; }

    public string Message { get; private set; } = string.Empty;

    public bool IsSeen(string id) => _seenEventIds.Contains(id);

    /// <summary>Records new events (oldest first) and returns those not seen before.</summary>
    public List<FineTuneEvent> Accept(IEnumerable<FineTuneEvent> oldestFirst)
    {
        var fresh = new List<FineTuneEvent>();
        foreach (var evt in oldestFirst)
        {
            if (evt.Id.Length == 0 || !_seenEventIds.Add(evt.Id))
            {
                continue;
            }

            fresh.Add(evt);
            NewestEventId = evt.Id;
            Message = evt.Message;
            if (evt.Step is { } step && (Step is null || step >= Step))
            {
                Step = step;
                TotalSteps = evt.TotalSteps ?? TotalSteps;
                TrainLoss = evt.TrainLoss ?? TrainLoss;
                ValidationLoss = evt.ValidationLoss ?? ValidationLoss;
            }
        }

        return fresh;
    }
}
