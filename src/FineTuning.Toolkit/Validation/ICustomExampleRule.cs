using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Validation;

/// <summary>A custom per-example rule added to <see cref="ValidationOptions"/> (usually through <see cref="ValidationOptions.RuleFor{TProperty}(Func{DatasetExample, TProperty})"/>).</summary>
public interface ICustomExampleRule
{
    /// <summary>Gets the issue code reported when the rule fails.</summary>
    string Code { get; }

    /// <summary>Gets the severity reported when the rule fails.</summary>
    ValidationSeverity Severity { get; }

    /// <summary>Gets the message reported when the rule fails.</summary>
    string Message { get; }

    /// <summary>Checks one example. Called on worker threads: must be thread-safe.</summary>
    /// <param name="example">The example (read from the file when a file is validated).</param>
    /// <returns><see langword="true"/> when the example passes.</returns>
    bool IsSatisfiedBy(DatasetExample example);
}
