using System.Collections.Immutable;

namespace FineTuning.Toolkit.Validation;

/// <summary>
/// A dated, immutable table of fine-tuning prices and per-example token limits by model. Start from <see cref="Default"/>
/// and override entries with <see cref="With(ModelPricing)"/> when prices change or for another provider.
/// </summary>
public sealed class PriceTable
{
    /// <summary>The per-example token limit used for models the table does not know: 65,536.</summary>
    public const int DefaultMaxTokensPerExample = 65_536;

    private readonly ImmutableArray<ModelPricing> _entries;

    /// <summary>Initializes a new instance of the <see cref="PriceTable"/> class.</summary>
    /// <param name="asOf">The date the prices were read.</param>
    /// <param name="entries">The entries; a later entry for the same model replaces an earlier one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> or one of its items is <see langword="null"/>.</exception>
    public PriceTable(DateOnly asOf, IEnumerable<ModelPricing> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var builder = new List<ModelPricing>();
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            var existing = builder.FindIndex(e => string.Equals(e.Model, entry.Model, StringComparison.OrdinalIgnoreCase));
            if (existing >= 0)
            {
                builder[existing] = entry;
            }
            else
            {
                builder.Add(entry);
            }
        }

        AsOf = asOf;
        _entries = [.. builder];
    }

    /// <summary>
    /// Gets OpenAI's published training prices (US dollars per million training tokens) and per-example limits as of
    /// 2025-06-01: gpt-4o-mini-2024-07-18 $3.00, gpt-4o-2024-08-06 $25.00, gpt-4.1-2025-04-14 $25.00,
    /// gpt-4.1-mini-2025-04-14 $5.00, gpt-4.1-nano-2025-04-14 $1.50 (65,536 tokens per example),
    /// gpt-3.5-turbo-0125 $8.00 (16,385 tokens per example). Check the current prices before relying on them.
    /// </summary>
    public static PriceTable Default { get; } = new(
        new DateOnly(2025, 6, 1),
        [
            new ModelPricing("gpt-4o-mini-2024-07-18", 3.00m, 65_536),
            new ModelPricing("gpt-4o-2024-08-06", 25.00m, 65_536),
            new ModelPricing("gpt-4.1-2025-04-14", 25.00m, 65_536),
            new ModelPricing("gpt-4.1-mini-2025-04-14", 5.00m, 65_536),
            new ModelPricing("gpt-4.1-nano-2025-04-14", 1.50m, 65_536),
            new ModelPricing("gpt-3.5-turbo-0125", 8.00m, 16_385),
        ]);

    /// <summary>Gets the date the prices were read.</summary>
    public DateOnly AsOf { get; }

    /// <summary>Gets the entries.</summary>
    public IReadOnlyList<ModelPricing> Entries => _entries;

    /// <summary>Returns a copy of the table with an entry added or replaced (same <see cref="ModelPricing.Model"/>).</summary>
    /// <param name="pricing">The entry.</param>
    /// <returns>The new table, with the same <see cref="AsOf"/> date.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pricing"/> is <see langword="null"/>.</exception>
    public PriceTable With(ModelPricing pricing)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        return new PriceTable(AsOf, _entries.Add(pricing));
    }

    /// <summary>
    /// Finds the entry for a model: the exact snapshot, else the entry of the same family (the longest family the name
    /// starts with). A fine-tuned model name (<c>ft:base:org:suffix:id</c>) uses its base model.
    /// </summary>
    /// <param name="model">The model name.</param>
    /// <param name="pricing">The entry found.</param>
    /// <returns><see langword="true"/> when an entry was found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public bool TryGetPricing(string model, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ModelPricing? pricing)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = BaseModel(model);
        pricing = null;
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Model, name, StringComparison.OrdinalIgnoreCase))
            {
                pricing = entry;
                return true;
            }
        }

        var bestLength = -1;
        foreach (var entry in _entries)
        {
            var family = entry.Family;
            var matches = name.StartsWith(family, StringComparison.OrdinalIgnoreCase)
                && (name.Length == family.Length || name[family.Length] == '-');
            if (matches && family.Length > bestLength && !IsLongerFamily(name, family))
            {
                bestLength = family.Length;
                pricing = entry;
            }
        }

        return pricing is not null;
    }

    /// <summary>Gets the per-example token limit of a model, or <see cref="DefaultMaxTokensPerExample"/> when unknown.</summary>
    /// <param name="model">The model name.</param>
    /// <returns>The limit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public int GetMaxTokensPerExample(string model) =>
        TryGetPricing(model, out var pricing) ? pricing.MaxTokensPerExample : DefaultMaxTokensPerExample;

    internal static string BaseModel(string model)
    {
        var name = model.Trim();
        if (name.StartsWith("ft:", StringComparison.OrdinalIgnoreCase))
        {
            name = name[3..];
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                name = name[..colon];
            }
        }

        return name;
    }

    // "gpt-4o-mini-2024-07-18" must not be priced as "gpt-4o": the part after the family must be a date/version, not a name.
    private static bool IsLongerFamily(string name, string family)
    {
        if (name.Length == family.Length)
        {
            return false;
        }

        var rest = name[(family.Length + 1)..];
        return rest.Length > 0 && !char.IsAsciiDigit(rest[0]);
    }
}
