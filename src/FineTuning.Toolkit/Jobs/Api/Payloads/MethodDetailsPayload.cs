namespace FineTuning.Toolkit.Jobs;

/// <summary>The settings of one method.</summary>
internal sealed record MethodDetailsPayload(HyperparametersPayload Hyperparameters);
