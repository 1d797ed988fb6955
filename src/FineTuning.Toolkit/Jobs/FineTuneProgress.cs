namespace FineTuning.Toolkit.Jobs;

/// <summary>A progress report of a fine-tuning run, and each update of a watched job: stage, status, step, loss, an ETA and the new events.</summary>
public sealed class FineTuneProgress
{
    /// <summary>Gets the stage of the run.</summary>
    public FineTuneStage Stage { get; init; }

    /// <summary>Gets the job id, or <see langword="null"/> before the job exists.</summary>
    public string? JobId { get; init; }

    /// <summary>Gets the job status, or <see langword="null"/> before the job exists.</summary>
    public FineTuneJobStatus? Status { get; init; }

    /// <summary>Gets the latest training step, or <see langword="null"/>.</summary>
    public int? Step { get; init; }

    /// <summary>Gets the total number of steps, or <see langword="null"/>.</summary>
    public int? TotalSteps { get; init; }

    /// <summary>Gets the latest training loss, or <see langword="null"/>.</summary>
    public double? TrainLoss { get; init; }

    /// <summary>Gets the latest validation loss, or <see langword="null"/>.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>Gets the service's estimate of when the job ends, or <see langword="null"/>.</summary>
    public DateTimeOffset? EstimatedFinish { get; init; }

    /// <summary>Gets the estimated time left (never negative), or <see langword="null"/>.</summary>
    public TimeSpan? EstimatedTimeRemaining { get; init; }

    /// <summary>Gets the fraction of steps done (0 to 1), or <see langword="null"/> when unknown.</summary>
    public double? Fraction => Step is { } step && TotalSteps is > 0 ? Math.Clamp((double)step / TotalSteps.Value, 0, 1) : null;

    /// <summary>Gets the latest event message, or a description of the stage.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>Gets the job as last read, or <see langword="null"/> before the job exists.</summary>
    public FineTuneJob? Job { get; init; }

    /// <summary>Gets the job's events that arrived since the previous report, oldest first (each event is reported once).</summary>
    public IReadOnlyList<FineTuneEvent> NewEvents { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => Step is { } step && TotalSteps is { } total
        ? $"{Stage} {Status} step {step}/{total} loss {TrainLoss:0.###}"
        : $"{Stage} {Status} {Message}";
}
