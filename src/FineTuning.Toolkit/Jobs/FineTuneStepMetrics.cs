namespace FineTuning.Toolkit.Jobs;

/// <summary>The metrics of one training step, parsed from the job's result file (CSV).</summary>
public sealed class FineTuneStepMetrics
{
    /// <summary>Gets the step number.</summary>
    public int Step { get; init; }

    /// <summary>Gets the training loss, or <see langword="null"/>.</summary>
    public double? TrainLoss { get; init; }

    /// <summary>Gets the training accuracy, or <see langword="null"/>.</summary>
    public double? TrainAccuracy { get; init; }

    /// <summary>Gets the validation loss, or <see langword="null"/> when not measured at this step.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>Gets the validation mean token accuracy, or <see langword="null"/>.</summary>
    public double? ValidationMeanTokenAccuracy { get; init; }

    /// <summary>Gets the loss on the full validation set, or <see langword="null"/>.</summary>
    public double? FullValidationLoss { get; init; }

    /// <summary>Gets the mean token accuracy on the full validation set, or <see langword="null"/>.</summary>
    public double? FullValidationMeanTokenAccuracy { get; init; }
}
