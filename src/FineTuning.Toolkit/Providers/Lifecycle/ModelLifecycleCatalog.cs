using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FineTuning.Toolkit.Providers;

/// <summary>
/// A dated, immutable catalog of the base models each provider can fine-tune: until when new jobs are accepted, when
/// trained models stop serving, the per-example token limit and the prices, each entry with its source. Start from
/// <see cref="Default"/>, override entries with <see cref="With(ModelLifecycle)"/>, and refresh serving dates from a
/// provider's <c>GET /v1/models</c> with <see cref="WithShutdownDates(string, string)"/>.
/// </summary>
/// <remarks>A model the catalog does not know gets the smallest documented per-example limit (of its provider when the
/// provider has entries, else of the whole catalog), never the largest: a limit too small only warns early.</remarks>
public sealed class ModelLifecycleCatalog
{
    /// <summary>The provider name of OpenAI: <c>openai</c>.</summary>
    public const string OpenAI = "openai";

    /// <summary>The provider name of Azure OpenAI: <c>azure</c>.</summary>
    public const string AzureOpenAI = "azure";

    /// <summary>The provider name of Together AI: <c>together</c>.</summary>
    public const string Together = "together";

    private readonly ImmutableArray<ModelLifecycle> _entries;

    /// <summary>Initializes a new instance of the <see cref="ModelLifecycleCatalog"/> class.</summary>
    /// <param name="asOf">The date the facts were read.</param>
    /// <param name="entries">The entries; a later entry for the same provider and model replaces an earlier one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> or one of its items is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An entry has an empty provider or model, or a limit that is not positive.</exception>
    public ModelLifecycleCatalog(DateOnly asOf, IEnumerable<ModelLifecycle> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = new List<ModelLifecycle>();
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            if (string.IsNullOrWhiteSpace(entry.Provider) || string.IsNullOrWhiteSpace(entry.Model) || entry.MaxTokensPerExample <= 0)
            {
                throw new ArgumentException($"The entry for '{entry.Model}' needs a provider, a model and a positive MaxTokensPerExample.", nameof(entries));
            }

            var existing = list.FindIndex(e => SameEntry(e, entry.Provider, entry.Model));
            if (existing >= 0)
            {
                list[existing] = entry;
            }
            else
            {
                list.Add(entry);
            }
        }

        AsOf = asOf;
        _entries = [.. list];
    }

    /// <summary>
    /// Gets the built-in catalog as of 2026-12-01. OpenAI: gpt-4o-mini-2024-07-18, gpt-4o-2024-08-06, gpt-4.1-2025-04-14,
    /// gpt-4.1-mini-2025-04-14 (jobs refused from 2027-01-06, serving ends 2027-01-14), gpt-4.1-nano-2025-04-14 and
    /// gpt-3.5-turbo-0125 (jobs refused from 2027-01-06), with training and inference prices (batch: half price).
    /// Azure OpenAI: gpt-4o and gpt-4o-mini until 2027-04-01 (deployments until 2027-10-01), the gpt-4.1 family until
    /// 2027-04-14 (2027-10-14), o4-mini until 2027-04-16 (2027-10-16); no prices (they depend on region and training
    /// type). Together AI: Llama 3.1 8B/70B Instruct Reference and gpt-oss-20b, LoRA SFT limits and prices, no announced
    /// end. Check the sources (<see cref="ModelLifecycle.Source"/>) before relying on them.
    /// </summary>
    public static ModelLifecycleCatalog Default { get; } = new(DefaultModelLifecycles.AsOf, DefaultModelLifecycles.All());

    /// <summary>Gets the date the facts were read.</summary>
    public DateOnly AsOf { get; }

    /// <summary>Gets the entries.</summary>
    public IReadOnlyList<ModelLifecycle> Entries => _entries;

    /// <summary>Returns a copy of the catalog with an entry added or replaced (same provider and model).</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The new catalog, with the same <see cref="AsOf"/> date.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is <see langword="null"/>.</exception>
    public ModelLifecycleCatalog With(ModelLifecycle entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new ModelLifecycleCatalog(AsOf, _entries.Add(entry));
    }

    /// <summary>
    /// Returns a copy of the catalog whose serving dates come from a provider's <c>GET /v1/models</c> payload: each
    /// model listed with a <c>shutdown_date</c> (a date such as <c>2027-01-14</c>, or Unix seconds) sets
    /// <see cref="ModelLifecycle.ServingEndsOn"/> of the provider's entry for that model. Models the catalog does not
    /// list are left out; a payload that is not a model list leaves the catalog unchanged.
    /// </summary>
    /// <param name="provider">The provider the payload came from.</param>
    /// <param name="modelsJson">The JSON body of <c>GET /v1/models</c>.</param>
    /// <returns>The refreshed catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> or <paramref name="modelsJson"/> is <see langword="null"/>.</exception>
    public ModelLifecycleCatalog WithShutdownDates(string provider, string modelsJson)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(modelsJson);
        var dates = ShutdownDateReader.Read(modelsJson);
        if (dates.Count == 0)
        {
            return this;
        }

        var updated = _entries.Select(e => string.Equals(e.Provider, provider, StringComparison.OrdinalIgnoreCase) && dates.TryGetValue(e.Model, out var date)
            ? e with { ServingEndsOn = date }
            : e);
        return new ModelLifecycleCatalog(AsOf, updated);
    }

    /// <summary>
    /// Finds the entry for a model of a provider: the exact snapshot, else the entry of the same family (the longest family
    /// the name is a snapshot of). A fine-tuned name (<c>ft:base:org:suffix:id</c>, <c>base.ft-id</c>) uses its base model.
    /// </summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model name.</param>
    /// <param name="entry">The entry found.</param>
    /// <returns><see langword="true"/> when an entry was found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    public bool TryGet(string provider, string model, [NotNullWhen(true)] out ModelLifecycle? entry)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(model);
        var name = ModelNames.BaseModel(model);
        entry = _entries.FirstOrDefault(e => SameEntry(e, provider, name));
        if (entry is not null)
        {
            return true;
        }

        foreach (var candidate in _entries)
        {
            if (string.Equals(candidate.Provider, provider, StringComparison.OrdinalIgnoreCase)
                && ModelNames.IsOfFamily(name, candidate.Family)
                && (entry is null || candidate.Family.Length > entry.Family.Length))
            {
                entry = candidate;
            }
        }

        return entry is not null;
    }

    /// <summary>Gets the per-example token limit of a model: its entry's, else the smallest documented limit (of the
    /// provider's entries, or of the whole catalog when the provider has none).</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model name.</param>
    /// <returns>The limit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    public int GetMaxTokensPerExample(string provider, string model)
    {
        if (TryGet(provider, model, out var entry))
        {
            return entry.MaxTokensPerExample;
        }

        var ofProvider = _entries.Where(e => string.Equals(e.Provider, provider, StringComparison.OrdinalIgnoreCase)).ToList();
        var pool = ofProvider.Count > 0 ? ofProvider : [.. _entries];
        return pool.Count == 0 ? 4_096 : pool.Min(e => e.MaxTokensPerExample);
    }

    /// <summary>
    /// Checks whether a fine-tuning job on a model would be accepted on a day: past the cut-off (the day jobs are refused
    /// has come) or near it (within <paramref name="warnWithin"/>), with a message that names the date and the other
    /// providers' models that still train after it.
    /// </summary>
    /// <param name="provider">The provider.</param>
    /// <param name="model">The model name.</param>
    /// <param name="now">The current time (from a <see cref="TimeProvider"/>).</param>
    /// <param name="warnWithin">How early to warn, or <see langword="null"/> for 30 days.</param>
    /// <returns>The check; <see cref="ModelLifecycleCheck.Message"/> is <see langword="null"/> when nothing is near.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="provider"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    public ModelLifecycleCheck CheckTraining(string provider, string model, DateTimeOffset now, TimeSpan? warnWithin = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(model);
        if (!TryGet(provider, model, out var entry) || entry.TrainingEndsOn is not { } endsOn)
        {
            return new ModelLifecycleCheck(provider, model, null, []);
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var past = today >= endsOn;
        var near = !past && today.AddDays((int)Math.Ceiling((warnWithin ?? TimeSpan.FromDays(30)).TotalDays)) >= endsOn;
        if (!past && !near)
        {
            return new ModelLifecycleCheck(provider, model, endsOn, []);
        }

        var alternatives = Alternatives(entry, endsOn);
        var date = endsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var instead = alternatives.Count == 0 ? "no other provider in the catalog trains after that date" : "still training after it: " + string.Join(", ", alternatives);
        var message = past
            ? $"{provider} accepts no new fine-tuning jobs on {entry.Model} since {date}; {instead}."
            : $"{provider} stops accepting fine-tuning jobs on {entry.Model} on {date}; a job that starts later is refused; {instead}.";
        return new ModelLifecycleCheck(provider, model, endsOn, alternatives) { IsPastCutOff = past, IsNearCutOff = near, Message = message };
    }

    private List<string> Alternatives(ModelLifecycle entry, DateOnly after) =>
        _entries
            .Where(e => !string.Equals(e.Provider, entry.Provider, StringComparison.OrdinalIgnoreCase) && (e.TrainingEndsOn is null || e.TrainingEndsOn > after))
            .OrderBy(e => string.Equals(e.Family, entry.Family, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(e => e.Provider, StringComparer.OrdinalIgnoreCase)
            .Select(e => e.TrainingEndsOn is { } end
                ? $"{e.Provider}: {e.Model} (until {end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})"
                : $"{e.Provider}: {e.Model}")
            .ToList();

    private static bool SameEntry(ModelLifecycle entry, string provider, string model) =>
        string.Equals(entry.Provider, provider, StringComparison.OrdinalIgnoreCase) && string.Equals(entry.Model, model, StringComparison.OrdinalIgnoreCase);
}
