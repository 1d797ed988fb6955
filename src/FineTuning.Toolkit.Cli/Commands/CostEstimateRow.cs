namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>One line of <c>ftk estimate</c>: a model's training price applied to the dataset, and the day the provider
/// stops training it.</summary>
internal sealed record CostEstimateRow(string Provider, string Model, decimal? UsdPerMillionTokens, int Epochs, long BilledTokens, decimal? EstimatedUsd, DateOnly? TrainingEndsOn);
