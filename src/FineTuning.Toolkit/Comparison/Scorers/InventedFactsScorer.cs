using System.Globalization;
using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>
/// Flags invented facts ("no hallucinated features or policies"): prices, plan names, URLs and named features or
/// integrations that are not in the supplied <see cref="FactCatalog"/>, the catalog's forbidden claims, and the case's
/// <see cref="TestExpectations.MustNotInvent"/> phrases.
/// </summary>
internal sealed partial class InventedFactsScorer : IScorer
{
    private static readonly HashSet<string> NotPlanNames = new(
        ["The", "This", "That", "Your", "Our", "Any", "Each", "Every", "Which", "What", "Current", "New", "Same", "Paid", "Monthly", "Annual", "Yearly", "Right", "Best", "My", "A", "Its", "Their"],
        StringComparer.OrdinalIgnoreCase);

    private readonly FactCatalog _catalog;

    /// <summary>Initializes a new instance of the <see cref="InventedFactsScorer"/> class.</summary>
    /// <param name="catalog">The known facts.</param>
    public InventedFactsScorer(FactCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    /// <inheritdoc/>
    public string Criterion => Criteria.NoInventedFacts;

    /// <inheritdoc/>
    public ValueTask<Score> ScoreAsync(ScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var findings = Find(context.Response, context.TestCase.Expectations.MustNotInvent);
        return ValueTask.FromResult(findings.Count == 0
            ? Score.Pass(Criterion, "no invented facts")
            : Score.Fail(Criterion, "invented: " + string.Join("; ", findings)));
    }

    /// <summary>Lists the invented facts found in a text.</summary>
    /// <param name="text">The answer.</param>
    /// <param name="mustNotInvent">Additional forbidden phrases.</param>
    /// <returns>One description per finding.</returns>
    public IReadOnlyList<string> Find(string text, IEnumerable<string>? mustNotInvent = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<string>();
        foreach (Match match in Price().Matches(text))
        {
            var digits = match.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal);
            if (decimal.TryParse(digits, NumberStyles.Number, CultureInfo.InvariantCulture, out var price) && !_catalog.Prices.Contains(price))
            {
                findings.Add($"price {match.Value.Trim()}");
            }
        }

        foreach (Match match in Url().Matches(text))
        {
            var url = match.Value.TrimEnd('.', ',', ')', '!', '?', ';', ':');
            var bare = Scheme().Replace(url, string.Empty).TrimEnd('/');
            if (bare.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
            {
                bare = bare[4..];
            }

            if (!_catalog.Urls.Any(known => string.Equals(bare, known.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
            {
                findings.Add($"URL {url}");
            }
        }

        if (_catalog.Plans.Count > 0)
        {
            foreach (Match match in Plan().Matches(text))
            {
                var name = match.Groups["name"].Value;
                if (!NotPlanNames.Contains(name) && !_catalog.Plans.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    findings.Add($"plan '{name}'");
                }
            }
        }

        foreach (Match match in Feature().Matches(text))
        {
            var name = match.Groups["name"].Value.Trim();
            if (!_catalog.Features.Any(known => name.Contains(known, StringComparison.OrdinalIgnoreCase)))
            {
                findings.Add($"feature '{name}'");
            }
        }

        foreach (var claim in _catalog.ForbiddenClaims.Concat(mustNotInvent ?? []))
        {
            if (!string.IsNullOrWhiteSpace(claim) && text.Contains(claim, StringComparison.OrdinalIgnoreCase))
            {
                findings.Add($"'{claim}'");
            }
        }

        return findings.Distinct(StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"[$€£]\s?(\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)", RegexOptions.CultureInvariant)]
    private static partial Regex Price();

    [GeneratedRegex(@"\b(?:https?://)?(?:[a-z0-9-]+\.)+(?:com|net|org|io|app|dev|co)(?:/[^\s)\]*]*)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    [GeneratedRegex(@"^https?://", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Scheme();

    [GeneratedRegex(@"\b(?<name>[A-Z][A-Za-z+]{1,20})\s+(?:plan|tier)\b|\*\*(?<name>[A-Z][A-Za-z+]{1,20})\*\*:\s*(?:[$€£]|Custom)", RegexOptions.CultureInvariant)]
    private static partial Regex Plan();

    [GeneratedRegex(@"\b(?:integrates? with|integration with|our|the)\s+(?<name>[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s+(?:feature|integration|add-on)\b|\bintegrates? with\s+(?<name>[A-Z][\w.-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Feature();
}
