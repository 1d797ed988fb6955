using System.Runtime.CompilerServices;
using System.Globalization;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>Warns on an example whose conversation repeats an earlier one (same roles, texts, names and tool calls).</summary>
internal sealed class DuplicateExampleRule : IDatasetCheck
{
    private readonly HashIndex _seen = new();
    private readonly bool _enabled;
    private readonly IssueQuota _quota;

    public DuplicateExampleRule(ValidationOptions options)
    {
        _enabled = options.IsEnabled(ValidationIssueCodes.DuplicateExample);
        _quota = new IssueQuota(ValidationIssueCodes.DuplicateExample, ValidationSeverity.Warning, options);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Observe(in LineResult result, Action<ValidationIssue> report)
    {
        if (!_enabled || !result.Counted)
        {
            return;
        }

        if (!_seen.TryAdd(result.ContentHash, result.Line, out var firstLine) && _quota.TryList())
        {
            report(new ValidationIssue(
                ValidationIssueCodes.DuplicateExample,
                ValidationSeverity.Warning,
                string.Create(CultureInfo.InvariantCulture, $"line {result.Line} (example {result.ExampleIndex}): the example duplicates line {firstLine}."))
            {
                Line = result.Line,
                ExampleIndex = result.ExampleIndex,
            });
        }
    }

    public void Complete(DatasetState state, Action<ValidationIssue> report) => _quota.Complete(state);
}
