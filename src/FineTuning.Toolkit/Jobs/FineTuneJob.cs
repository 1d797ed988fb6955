namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// A snapshot of a fine-tuning job, read from the raw JSON so that fields the SDK's typed model hides
/// (<c>error</c>, <c>finished_at</c>, <c>estimated_finish</c>, statuses such as <c>paused</c>) are available.
/// </summary>
public sealed class FineTuneJob
{
    /// <summary>Gets the job id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the base model.</summary>
    public required string Model { get; init; }

    /// <summary>Gets the status.</summary>
    public FineTuneJobStatus Status { get; init; }

    /// <summary>Gets the fine-tuned model id once the job has succeeded, otherwise <see langword="null"/>.</summary>
    public string? FineTunedModel { get; init; }

    /// <summary>Gets when the job was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the job ended, or <see langword="null"/>.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Gets the service's estimate of when the job will end, or <see langword="null"/>.</summary>
    public DateTimeOffset? EstimatedFinish { get; init; }

    /// <summary>Gets the training file id.</summary>
    public string? TrainingFileId { get; init; }

    /// <summary>Gets the held-out data's file id (the service's <c>validation_file</c>), or <see langword="null"/>.</summary>
    public string? HeldOutFileId { get; init; }

    /// <summary>Gets the ids of the result files (CSV metrics).</summary>
    public IReadOnlyList<string> ResultFileIds { get; init; } = [];

    /// <summary>Gets the number of trained (billed) tokens once the job has ended, or <see langword="null"/>.</summary>
    public long? TrainedTokens { get; init; }

    /// <summary>Gets the seed, or <see langword="null"/>.</summary>
    public long? Seed { get; init; }

    /// <summary>Gets the suffix the caller gave, or <see langword="null"/>.</summary>
    public string? Suffix { get; init; }

    /// <summary>Gets the method type (<c>supervised</c>, <c>dpo</c>, ...), or <see langword="null"/>.</summary>
    public string? Method { get; init; }

    /// <summary>Gets the number of epochs when the service reports it as a number, otherwise <see langword="null"/>.</summary>
    public int? Epochs { get; init; }

    /// <summary>Gets the error of a failed job; <see langword="null"/> when the job has not failed (also for <c>"error": {}</c>).</summary>
    public FineTuneError? Error { get; init; }

    /// <summary>Gets the job's metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the raw JSON of the job as the service returned it.</summary>
    public string RawJson { get; init; } = "{}";

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Model}) {Status}";
}
