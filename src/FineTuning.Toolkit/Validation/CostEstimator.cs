using FineTuning.Toolkit.Providers;

namespace FineTuning.Toolkit.Validation;

/// <summary>
/// Estimates the billed training tokens and price of a fine-tuning job, and chooses the number of epochs the way
/// OpenAI does when none is given.
/// </summary>
/// <remarks>
/// Billed tokens are Σ min(limit, tokens of each example) × epochs, where the limit is the model's per-example token limit
/// (longer examples are truncated). Automatic epochs follow OpenAI's cookbook: 3 by default; for a small dataset raised so
/// that examples × epochs reaches 100 (at most 25 epochs); for a large one lowered so that examples × epochs stays within
/// 25,000 (at least 1 epoch).
/// </remarks>
internal static class CostEstimator
{
    /// <summary>The default number of epochs: 3.</summary>
    public const int DefaultEpochs = 3;

    /// <summary>The fewest example-epochs automatic epochs aim for: 100.</summary>
    public const int MinTargetExampleEpochs = 100;

    /// <summary>The most example-epochs automatic epochs allow: 25,000.</summary>
    public const int MaxTargetExampleEpochs = 25_000;

    /// <summary>The fewest automatic epochs: 1.</summary>
    public const int MinAutomaticEpochs = 1;

    /// <summary>The most automatic epochs: 25.</summary>
    public const int MaxAutomaticEpochs = 25;

    /// <summary>Chooses the number of epochs OpenAI uses when none is given.</summary>
    /// <param name="exampleCount">The number of training examples.</param>
    /// <returns>The number of epochs, between 1 and 25.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exampleCount"/> is negative.</exception>
    public static int GetAutomaticEpochs(int exampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exampleCount);
        if (exampleCount == 0)
        {
            return DefaultEpochs;
        }

        var examples = (long)exampleCount;
        if (examples * DefaultEpochs < MinTargetExampleEpochs)
        {
            return (int)Math.Min(MaxAutomaticEpochs, MinTargetExampleEpochs / examples);
        }

        if (examples * DefaultEpochs > MaxTargetExampleEpochs)
        {
            return (int)Math.Max(MinAutomaticEpochs, MaxTargetExampleEpochs / examples);
        }

        return DefaultEpochs;
    }

    /// <summary>Estimates the cost of training on examples with the given token counts.</summary>
    /// <param name="exampleTokenCounts">The token count of each training example.</param>
    /// <param name="model">The base model.</param>
    /// <param name="epochs">The number of epochs, or <see langword="null"/> to choose them as OpenAI does.</param>
    /// <param name="catalog">The prices and limits, or <see langword="null"/> for <see cref="ModelLifecycleCatalog.Default"/>.</param>
    /// <param name="provider">The provider, or <see langword="null"/> for <see cref="ModelLifecycleCatalog.OpenAI"/>.</param>
    /// <returns>The estimate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exampleTokenCounts"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is not positive.</exception>
    public static CostEstimate Estimate(IEnumerable<int> exampleTokenCounts, string model, int? epochs = null, ModelLifecycleCatalog? catalog = null, string? provider = null)
    {
        ArgumentNullException.ThrowIfNull(exampleTokenCounts);
        ArgumentNullException.ThrowIfNull(model);
        if (epochs is { } e)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(e, nameof(epochs));
        }

        var table = catalog ?? ModelLifecycleCatalog.Default;
        var providerName = provider ?? ModelLifecycleCatalog.OpenAI;
        var limit = table.GetMaxTokensPerExample(providerName, model);
        long billable = 0;
        var count = 0;
        foreach (var tokens in exampleTokenCounts)
        {
            billable += Math.Min(limit, tokens);
            count++;
        }

        return Estimate(billable, count, model, epochs, table, providerName);
    }

    internal static CostEstimate Estimate(long billablePerEpoch, int exampleCount, string model, int? epochs, ModelLifecycleCatalog table, string provider)
    {
        var resolvedEpochs = epochs ?? GetAutomaticEpochs(exampleCount);
        var billed = billablePerEpoch * resolvedEpochs;
        if (table.TryGet(provider, model, out var entry) && entry.Price?.TrainingCost(billed) is { } cost)
        {
            return new CostEstimate(model, resolvedEpochs, billed, cost)
            {
                TrainingUsdPerMillionTokens = entry.Price.TrainingPerMillionTokens,
                PricesAsOf = table.AsOf,
                EpochsAutomatic = epochs is null,
            };
        }

        return new CostEstimate(model, resolvedEpochs, billed, null) { EpochsAutomatic = epochs is null };
    }
}
