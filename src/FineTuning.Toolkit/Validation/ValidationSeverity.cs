namespace FineTuning.Toolkit.Validation;

/// <summary>How serious a <see cref="ValidationIssue"/> is.</summary>
public enum ValidationSeverity
{
    /// <summary>OpenAI would reject the file or the job would fail: <see cref="ValidationReport.IsValid"/> is <see langword="false"/>.</summary>
    Error,

    /// <summary>The file would be accepted, but the problem will likely make the model worse or cost more.</summary>
    Warning,
}
