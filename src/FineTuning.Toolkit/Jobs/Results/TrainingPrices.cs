using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Training prices in US dollars per million trained tokens: the caller's overrides (matched by the longest model-name
/// prefix) first, then the validator's dated <see cref="PriceTable.Default"/>.
/// </summary>
internal static class TrainingPrices
{
    public static decimal? PerMillion(string model, IDictionary<string, decimal>? overrides) =>
        Override(model, overrides) ?? (PriceTable.Default.TryGetPricing(model, out var pricing) ? pricing.TrainingUsdPerMillionTokens : null);

    public static decimal? Estimate(string? model, long? trainedTokens, IDictionary<string, decimal>? overrides) =>
        model is not null && trainedTokens is { } tokens && PerMillion(model, overrides) is { } price
            ? Math.Round(tokens * price / 1_000_000m, 4)
            : null;

    public static decimal? Override(string model, IDictionary<string, decimal>? overrides)
    {
        if (overrides is null)
        {
            return null;
        }

        string? best = null;
        foreach (var key in overrides.Keys)
        {
            if (model.StartsWith(key, StringComparison.OrdinalIgnoreCase) && (best is null || key.Length > best.Length))
            {
                best = key;
            }
        }

        return best is null ? null : overrides[best];
    }
}
