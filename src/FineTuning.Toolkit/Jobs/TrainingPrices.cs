namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Training prices in US dollars per million trained tokens, matched by the longest model-name prefix.
/// Published OpenAI prices as of 2025-06; override with <see cref="FineTuneJobRunnerOptions.TrainingPricesPerMillionTokens"/>.
/// </summary>
internal static class TrainingPrices
{
    private static readonly Dictionary<string, decimal> Defaults = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gpt-4o-mini"] = 3.00m,
        ["gpt-4o"] = 25.00m,
        ["gpt-4.1-nano"] = 1.50m,
        ["gpt-4.1-mini"] = 5.00m,
        ["gpt-4.1"] = 25.00m,
        ["gpt-3.5-turbo"] = 8.00m,
        ["davinci-002"] = 6.00m,
        ["babbage-002"] = 0.40m,
    };

    public static decimal? PerMillion(string model, IDictionary<string, decimal>? overrides)
    {
        return Lookup(overrides, model) ?? Lookup(Defaults, model);
    }

    public static decimal? Estimate(string? model, long? trainedTokens, IDictionary<string, decimal>? overrides) =>
        model is not null && trainedTokens is { } tokens && PerMillion(model, overrides) is { } price
            ? Math.Round(tokens * price / 1_000_000m, 4)
            : null;

    private static decimal? Lookup(IDictionary<string, decimal>? table, string model)
    {
        if (table is null)
        {
            return null;
        }

        string? best = null;
        foreach (var key in table.Keys)
        {
            if (model.StartsWith(key, StringComparison.OrdinalIgnoreCase) && (best is null || key.Length > best.Length))
            {
                best = key;
            }
        }

        return best is null ? null : table[best];
    }
}
