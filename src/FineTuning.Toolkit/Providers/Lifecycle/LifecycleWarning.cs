using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Providers;

/// <summary>The validator's hook into the model catalog: a dataset-wide warning when the chosen provider's training
/// cut-off for the model is near or past.</summary>
internal static class LifecycleWarning
{
    public static ValidationIssue? For(ValidationOptions options, DateTimeOffset now)
    {
        var check = options.Catalog.CheckTraining(options.Provider, options.Model, now);
        return check.Message is { } message
            ? new ValidationIssue(ValidationIssueCodes.ModelTrainingEnding, ValidationSeverity.Warning, message) { Field = "model" }
            : null;
    }
}
