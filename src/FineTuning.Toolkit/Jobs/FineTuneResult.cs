using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// The outcome of a fine-tuning run. A failure is a result too: <see cref="Error"/> carries the service's code, message
/// and parameter (or <c>validation_failed</c> when local validation refused the data and nothing was uploaded).
/// </summary>
public sealed record FineTuneResult
{
    /// <summary>The <see cref="FineTuneError.Code"/> of a run that local validation refused.</summary>
    public const string ValidationFailedCode = "validation_failed";

    /// <summary>Gets the job id, or <see langword="null"/> when no job was created.</summary>
    public string? JobId { get; init; }

    /// <summary>Gets the final status of the job (<c>failed</c> when no job was created).</summary>
    public FineTuneJobStatus Status { get; init; }

    /// <summary>Gets a value indicating whether the job succeeded.</summary>
    public bool Succeeded => Status == FineTuneJobStatus.Succeeded;

    /// <summary>Gets the base model.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the fine-tuned model id when the job succeeded, otherwise <see langword="null"/>.</summary>
    public string? FineTunedModel { get; init; }

    /// <summary>Gets the error of a failed run, otherwise <see langword="null"/>.</summary>
    public FineTuneError? Error { get; init; }

    /// <summary>Gets the training file id, or <see langword="null"/> when nothing was uploaded.</summary>
    public string? TrainingFileId { get; init; }

    /// <summary>Gets the held-out (validation) file id, or <see langword="null"/>.</summary>
    public string? HeldOutFileId { get; init; }

    /// <summary>Gets a value indicating whether the training file was already on the service: given by id, or the file of a reused job.</summary>
    public bool ReusedTrainingFile { get; init; }

    /// <summary>Gets a value indicating whether an existing job with the same request was found and reused instead of created.</summary>
    public bool ReusedJob { get; init; }

    /// <summary>Gets the number of trained (billed) tokens, or <see langword="null"/>.</summary>
    public long? TrainedTokens { get; init; }

    /// <summary>Gets the estimated cost in US dollars (trained tokens × the model's training price), or <see langword="null"/> when unknown.</summary>
    public decimal? EstimatedCostUsd { get; init; }

    /// <summary>Gets the checkpoints, by step.</summary>
    public IReadOnlyList<FineTuneCheckpoint> Checkpoints { get; init; } = [];

    /// <summary>Gets the per-step metrics parsed from the result file, by step.</summary>
    public IReadOnlyList<FineTuneStepMetrics> Metrics { get; init; } = [];

    /// <summary>Gets every event of the job seen while watching, oldest first.</summary>
    public IReadOnlyList<FineTuneEvent> Events { get; init; } = [];

    /// <summary>Gets how long the run took, measured on the runner's <see cref="TimeProvider"/>.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Gets the time from the job's creation until it ended, as the service reports it (zero when unknown).</summary>
    public TimeSpan JobDuration { get; init; }

    /// <summary>
    /// Gets the report of the local validation of the training data: the one the request carried
    /// (<see cref="FineTuneRequest.WithValidationReport"/>) or the one the runner's validator made; <see langword="null"/> when none was made.
    /// </summary>
    public ValidationReport? ValidationReport { get; init; }

    /// <summary>Gets the job as last read, or <see langword="null"/> when no job was created.</summary>
    public FineTuneJob? Job { get; init; }

    /// <inheritdoc />
    public override string ToString() => Succeeded
        ? $"{JobId} succeeded: {FineTunedModel}"
        : $"{JobId ?? "(no job)"} {Status}: {Error?.ToString() ?? "no error reported"}";
}
