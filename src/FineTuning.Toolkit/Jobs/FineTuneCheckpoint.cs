namespace FineTuning.Toolkit.Jobs;

/// <summary>A checkpoint of a fine-tuning job: a usable model saved at the end of an epoch.</summary>
public sealed class FineTuneCheckpoint
{
    /// <summary>Gets the checkpoint id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the model name of the checkpoint (usable for chat).</summary>
    public required string Model { get; init; }

    /// <summary>Gets the step at which the checkpoint was saved.</summary>
    public int StepNumber { get; init; }

    /// <summary>Gets when the checkpoint was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the training loss at the checkpoint, or <see langword="null"/>.</summary>
    public double? TrainLoss { get; init; }

    /// <summary>Gets the validation loss at the checkpoint, or <see langword="null"/>.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>Gets the full validation loss at the checkpoint, or <see langword="null"/>.</summary>
    public double? FullValidationLoss { get; init; }
}
