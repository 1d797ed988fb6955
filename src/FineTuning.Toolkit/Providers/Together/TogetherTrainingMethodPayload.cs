namespace FineTuning.Toolkit.Providers.Together;

/// <summary>Together AI's <c>training_method</c>: <c>sft</c> (with <c>train_on_inputs</c>, which the spec requires) or <c>dpo</c> (with <c>dpo_beta</c>).</summary>
internal sealed record TogetherTrainingMethodPayload(string Method, bool? TrainOnInputs, double? DpoBeta);
