using System.Globalization;

namespace FineTuning.Toolkit.Validation.Rules;

/// <summary>Warns on a validation example whose conversation (system messages aside) also appears in the training data.</summary>
internal sealed class TrainValidationOverlapRule(HashIndex trainingConversations, string trainingLabel, ValidationOptions options) : IDatasetCheck
{
    private readonly bool _enabled = options.IsEnabled(ValidationIssueCodes.TrainValidationOverlap);
    private readonly IssueQuota _quota = new(ValidationIssueCodes.TrainValidationOverlap, ValidationSeverity.Warning, options);

    public void Observe(in LineResult result, Action<ValidationIssue> report)
    {
        if (!_enabled || !result.Counted || !trainingConversations.TryGetLine(result.OverlapHash, out var trainingLine) || !_quota.TryList())
        {
            return;
        }

        report(new ValidationIssue(
            ValidationIssueCodes.TrainValidationOverlap,
            ValidationSeverity.Warning,
            string.Create(CultureInfo.InvariantCulture, $"line {result.Line} (example {result.ExampleIndex}): the validation example also appears in {trainingLabel} at line {trainingLine}; the validation loss will look better than it is."))
        {
            Line = result.Line,
            ExampleIndex = result.ExampleIndex,
        });
    }

    public void Complete(DatasetState state, Action<ValidationIssue> report) => _quota.Complete(state);
}
