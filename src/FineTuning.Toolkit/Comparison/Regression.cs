namespace FineTuning.Toolkit.Comparison;

/// <summary>A case where a candidate model fails a criterion that the baseline model passes (a row of the Markdown and JSON reports).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Repeat">The repeat index.</param>
/// <param name="Criterion">The criterion.</param>
/// <param name="Model">The candidate model that regressed.</param>
/// <param name="Slot">Where the candidate's answer is in the report's results.</param>
/// <param name="ScoreIndex">Which of its scores regressed (its reason is read from the results when shown).</param>
internal sealed record Regression(string CaseId, int Repeat, string Criterion, string Model, int Slot, int ScoreIndex);
