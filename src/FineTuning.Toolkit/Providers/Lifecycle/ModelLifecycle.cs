namespace FineTuning.Toolkit.Providers;

/// <summary>What one provider offers for one base model: until when it trains it, until when trained models serve, the
/// per-example token limit, the prices, and where these facts come from.</summary>
/// <param name="Provider">The provider: <see cref="ModelLifecycleCatalog.OpenAI"/>, <see cref="ModelLifecycleCatalog.AzureOpenAI"/>,
/// <see cref="ModelLifecycleCatalog.Together"/> or another name of your own (compared case-insensitively).</param>
/// <param name="Model">The base model snapshot, for example <c>gpt-4o-mini-2024-07-18</c>. Its family (the name without
/// the date suffix, <c>gpt-4o-mini</c>) also matches aliases and fine-tuned models of the same base.</param>
/// <param name="MaxTokensPerExample">The most tokens one training example may hold; longer examples are truncated or refused.</param>
/// <param name="Source">Where the facts were read.</param>
public sealed record ModelLifecycle(string Provider, string Model, int MaxTokensPerExample, Uri Source)
{
    /// <summary>Gets the day from which new fine-tuning jobs are refused, or <see langword="null"/> when no end is announced.</summary>
    public DateOnly? TrainingEndsOn { get; init; }

    /// <summary>Gets the day from which the base model and the models trained from it stop serving, or <see langword="null"/> when not announced.
    /// Read from <c>shutdown_date</c> of <c>GET /v1/models</c> when the catalog was refreshed with one (see
    /// <see cref="ModelLifecycleCatalog.WithShutdownDates(string, string)"/>).</summary>
    public DateOnly? ServingEndsOn { get; init; }

    /// <summary>Gets the prices, or <see langword="null"/> when not known (for example, when they depend on the region).</summary>
    public ModelPrice? Price { get; init; }

    /// <summary>Gets the family of <see cref="Model"/>: the name without a trailing date (<c>-2024-07-18</c>) or four-digit version (<c>-0125</c>).</summary>
    public string Family => ModelNames.Family(Model);
}
