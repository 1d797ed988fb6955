namespace FineTuning.Toolkit.Validation;

/// <summary>
/// A rule run on every example — the one interface of the validator's built-in checks and of custom rules (added with
/// <see cref="ValidationOptions.AddRule(IExampleRule)"/>, usually through
/// <see cref="ValidationOptions.RuleFor{TProperty}(Func{FineTuning.Toolkit.Datasets.DatasetExample, TProperty})"/>), as
/// FluentValidation's property validators share one interface.
/// </summary>
/// <remarks>Rules run on the validator's worker threads, several examples at once: an implementation must be thread-safe
/// and keep no per-example state of its own.</remarks>
public interface IExampleRule
{
    /// <summary>Checks one example and reports what is wrong through <see cref="ExampleRuleContext.Report(string, ValidationSeverity, string, string?)"/>.</summary>
    /// <param name="context">The example (typed, with its line and file) and where to report.</param>
    void Validate(ExampleRuleContext context);
}
