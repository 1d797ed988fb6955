namespace FineTuning.Toolkit.Jobs;

/// <summary>The Weights and Biases settings of a job (also what <c>FineTuneRequest.WithWeightsAndBiases</c> records).</summary>
internal sealed record WandbPayload(string Project, string? Name, string? Entity, IReadOnlyList<string>? Tags);
