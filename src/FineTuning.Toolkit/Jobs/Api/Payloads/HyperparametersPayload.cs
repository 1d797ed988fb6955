namespace FineTuning.Toolkit.Jobs;

/// <summary>A job's hyperparameters; absent ones are left to the service.</summary>
internal sealed record HyperparametersPayload(int? NEpochs, int? BatchSize, double? LearningRateMultiplier, double? Beta);
