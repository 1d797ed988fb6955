namespace FineTuning.Toolkit.Validation;

/// <summary>Issues of one code found in one line beyond those kept one by one: only their number reaches the report.</summary>
/// <param name="Code">The issue code.</param>
/// <param name="Severity">The severity of those issues.</param>
/// <param name="Count">How many were found and not kept.</param>
internal readonly record struct UnlistedIssues(string Code, ValidationSeverity Severity, int Count);
