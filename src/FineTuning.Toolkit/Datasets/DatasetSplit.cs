namespace FineTuning.Toolkit.Datasets;

/// <summary>A dataset split into training and validation parts; deconstruct it with <c>var (train, validation) = ...</c>.</summary>
/// <param name="Train">The training part.</param>
/// <param name="Validation">The validation part.</param>
public sealed record DatasetSplit(Dataset Train, Dataset Validation);
