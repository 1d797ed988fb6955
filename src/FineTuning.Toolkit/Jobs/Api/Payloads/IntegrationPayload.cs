namespace FineTuning.Toolkit.Jobs;

/// <summary>A Weights and Biases integration of a job.</summary>
internal sealed record IntegrationPayload(string Type, WandbPayload Wandb);
