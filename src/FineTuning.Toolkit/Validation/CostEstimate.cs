namespace FineTuning.Toolkit.Validation;

/// <summary>What a fine-tuning job on a dataset is expected to bill.</summary>
/// <param name="Model">The base model priced.</param>
/// <param name="Epochs">The number of epochs (given, or chosen automatically as OpenAI does).</param>
/// <param name="BilledTokens">The billed training tokens: Σ min(limit, tokens of each example) × epochs.</param>
/// <param name="EstimatedUsd">The estimated price in US dollars, or <see langword="null"/> when the model has no price in the table.</param>
public sealed record CostEstimate(string Model, int Epochs, long BilledTokens, decimal? EstimatedUsd)
{
    /// <summary>Gets the price of one million training tokens used, or <see langword="null"/> when unknown.</summary>
    public decimal? TrainingUsdPerMillionTokens { get; init; }

    /// <summary>Gets the date of the prices used, or <see langword="null"/> when unknown.</summary>
    public DateOnly? PricesAsOf { get; init; }

    /// <summary>Gets a value indicating whether <see cref="Epochs"/> was chosen automatically.</summary>
    public bool EpochsAutomatic { get; init; }
}
