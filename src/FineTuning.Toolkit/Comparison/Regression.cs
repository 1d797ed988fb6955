namespace FineTuning.Toolkit.Comparison;

/// <summary>A case where a candidate model fails a criterion that the baseline model passes (a row of the Markdown and JSON reports).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Repeat">The repeat index.</param>
/// <param name="Criterion">The criterion.</param>
/// <param name="Model">The candidate model that regressed.</param>
/// <param name="Reason">The candidate's failure reason.</param>
internal sealed record Regression(string CaseId, int Repeat, string Criterion, string Model, string Reason);
