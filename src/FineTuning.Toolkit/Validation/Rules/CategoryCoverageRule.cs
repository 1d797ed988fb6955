using System.Runtime.CompilerServices;
using System.Globalization;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>Warns when a required category (<see cref="ValidationOptions.RequiredCategories"/>) has fewer examples than asked.</summary>
internal sealed class CategoryCoverageRule : IDatasetCheck
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.OrdinalIgnoreCase);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Observe(in LineResult result, Action<ValidationIssue> report)
    {
        if (result.Category is { } category && _counts.Count < 10_000)
        {
            _counts[category] = _counts.TryGetValue(category, out var n) ? n + 1 : 1;
        }
        else if (result.Category is { } known && _counts.TryGetValue(known, out var existing))
        {
            _counts[known] = existing + 1;
        }
    }

    public void Complete(DatasetState state, Action<ValidationIssue> report)
    {
        if (!state.Options.IsEnabled(ValidationIssueCodes.CategoryUnderrepresented))
        {
            return;
        }

        foreach (var (category, minimum) in state.Options.RequiredCategories.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            var count = _counts.TryGetValue(category, out var n) ? n : 0;
            if (count < minimum)
            {
                report(new ValidationIssue(
                    ValidationIssueCodes.CategoryUnderrepresented,
                    ValidationSeverity.Warning,
                    string.Create(CultureInfo.InvariantCulture, $"category \"{category}\" has {count} examples; at least {minimum} are required."))
                {
                    Field = "category",
                });
            }
        }
    }
}
