namespace FineTuning.Toolkit.Validation.Json;

/// <summary>The JSON shape of a <see cref="ValidationReport"/> (<see cref="ValidationReport.ToJson(bool)"/>).</summary>
internal sealed record ValidationReportDocument(
    bool IsValid,
    int ExampleCount,
    IReadOnlyList<ValidationIssueDocument> Issues,
    TokenStatisticsDocument Tokens,
    CostDocument Cost)
{
    public static ValidationReportDocument From(ValidationReport report) => new(
        report.IsValid,
        report.ExampleCount,
        [.. report.Issues.Select(i => new ValidationIssueDocument(i.Code, i.Severity == ValidationSeverity.Error ? "error" : "warning", i.Message, i.Line, i.ExampleIndex))],
        new TokenStatisticsDocument(
            report.Tokens.Total,
            report.Tokens.Billable,
            DistributionDocument.From(report.Tokens.PerExample),
            DistributionDocument.From(report.Tokens.AssistantPerExample),
            DistributionDocument.From(report.Tokens.MessagesPerExample)),
        new CostDocument(report.Cost.Model, report.Cost.Epochs, report.Cost.BilledTokens, report.Cost.EstimatedUsd));
}
