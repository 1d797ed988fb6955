namespace FineTuning.Toolkit;

/// <summary>The fine-tuning method.</summary>
public enum FineTuneMethod
{
    /// <summary>Supervised fine-tuning on chat examples.</summary>
    Supervised,

    /// <summary>Direct preference optimization on preferred / non-preferred output pairs.</summary>
    Dpo,
}
