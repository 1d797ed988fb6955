namespace FineTuning.Toolkit.Comparison.Reports;

/// <summary>A regression as a row of the JSON report, with the candidate's failure reason.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Repeat">The repeat index.</param>
/// <param name="Criterion">The criterion.</param>
/// <param name="Model">The candidate model that regressed.</param>
/// <param name="Reason">The candidate's failure reason.</param>
internal sealed record RegressionEntry(string CaseId, int Repeat, string Criterion, string Model, string Reason);
