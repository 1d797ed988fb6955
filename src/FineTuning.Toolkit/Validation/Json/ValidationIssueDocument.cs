namespace FineTuning.Toolkit.Validation.Json;

/// <summary>The JSON shape of one issue.</summary>
internal sealed record ValidationIssueDocument(string Code, string Severity, string Message, int? Line, int? ExampleIndex);
