using FineTuning.Toolkit.Providers;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Training prices in US dollars per million trained tokens: the caller's overrides (matched by the longest model-name
/// prefix) first, then the dated <see cref="ModelLifecycleCatalog.Default"/> (OpenAI's entries, then Together AI's).
/// </summary>
internal static class TrainingPrices
{
    public static decimal? PerMillion(string model, IDictionary<string, decimal>? overrides) =>
        Override(model, overrides)
        ?? (ModelLifecycleCatalog.Default.TryGet(ModelLifecycleCatalog.OpenAI, model, out var entry) ? entry.Price?.TrainingPerMillionTokens : null)
        ?? (ModelLifecycleCatalog.Default.TryGet(ModelLifecycleCatalog.Together, model, out var together) ? together.Price?.TrainingPerMillionTokens : null);

    public static decimal? Estimate(string? model, long? trainedTokens, IDictionary<string, decimal>? overrides) =>
        model is not null && trainedTokens is { } tokens && PerMillion(model, overrides) is { } price
            ? Math.Round(tokens * price / 1_000_000m, 4)
            : null;

    /// <summary>The catalog with the training price of <paramref name="model"/> replaced (limit and dates kept).</summary>
    public static ModelLifecycleCatalog WithOverride(ModelLifecycleCatalog catalog, string provider, string model, decimal trainingPerMillion)
    {
        var entry = catalog.TryGet(provider, model, out var known)
            ? known
            : new ModelLifecycle(provider, model, catalog.GetMaxTokensPerExample(provider, model), new Uri("https://github.com/finetuning-toolkit/FineTuning.Toolkit#providers"));
        var price = (entry.Price ?? new ModelPrice(null, 0m, 0m)) with { TrainingPerMillionTokens = trainingPerMillion };
        return catalog.With(entry with { Price = price });
    }

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
