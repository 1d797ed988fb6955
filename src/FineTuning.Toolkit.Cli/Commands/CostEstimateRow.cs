namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>One line of <c>ftk estimate</c>.</summary>
internal sealed record CostEstimateRow(string Provider, string Model, decimal UsdPerMillionTokens, int Epochs, long BilledTokens, decimal EstimatedUsd);
