namespace FineTuning.Toolkit.Jobs;

/// <summary>The <c>method</c> of a job: its type and the hyperparameters under <c>supervised</c> or <c>dpo</c>.</summary>
internal sealed record MethodPayload(string Type, MethodDetailsPayload? Supervised, MethodDetailsPayload? Dpo);
