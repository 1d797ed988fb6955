namespace FineTuning.Toolkit.Validation;

/// <summary>The fine-tuning method a dataset is meant for; it decides the expected line format.</summary>
public enum TrainingMethod
{
    /// <summary>Supervised fine-tuning: each line holds <c>messages</c> (and optionally <c>tools</c>).</summary>
    Supervised,

    /// <summary>Direct preference optimisation: each line holds <c>input</c>, <c>preferred_output</c> and <c>non_preferred_output</c>.</summary>
    Dpo,
}
