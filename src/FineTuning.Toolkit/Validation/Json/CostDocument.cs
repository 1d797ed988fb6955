namespace FineTuning.Toolkit.Validation.Json;

/// <summary>The JSON shape of the cost estimate.</summary>
internal sealed record CostDocument(string Model, int Epochs, long BilledTokens, decimal? EstimatedUsd);
