namespace FineTuning.Toolkit.Validation;

/// <summary>The fine-tuning price and per-example token limit of one base model.</summary>
/// <param name="Model">The model snapshot, for example <c>gpt-4o-mini-2024-07-18</c>. Its family (the name without the
/// date suffix, <c>gpt-4o-mini</c>) also matches aliases and other snapshots of the same model.</param>
/// <param name="TrainingUsdPerMillionTokens">The price of one million training tokens, in US dollars.</param>
/// <param name="MaxTokensPerExample">The most tokens one example may hold; longer examples are truncated.</param>
public sealed record ModelPricing(string Model, decimal TrainingUsdPerMillionTokens, int MaxTokensPerExample)
{
    /// <summary>Gets the model family: <see cref="Model"/> without a trailing date (<c>-2024-07-18</c>) or four-digit version (<c>-0125</c>).</summary>
    public string Family
    {
        get
        {
            var name = Model;
            var parts = name.Split('-');
            var keep = parts.Length;
            if (keep >= 4 && parts[^3].Length == 4 && parts[^2].Length == 2 && parts[^1].Length == 2
                && parts[^3].All(char.IsAsciiDigit) && parts[^2].All(char.IsAsciiDigit) && parts[^1].All(char.IsAsciiDigit))
            {
                keep -= 3;
            }
            else if (keep >= 2 && parts[^1].Length == 4 && parts[^1].All(char.IsAsciiDigit))
            {
                keep -= 1;
            }

            return string.Join('-', parts, 0, keep);
        }
    }
}
