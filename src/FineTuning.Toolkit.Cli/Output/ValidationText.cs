using System.Globalization;
using System.Text;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary>The report as a compiler would print it: one <c>file:line: severity code: message</c> line per issue
/// (editors and terminals make them links), then the totals, tokens and cost.</summary>
internal static class ValidationText
{
    public static string Write(ValidationReport report, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var file = report.FilePath is null ? "(dataset)" : DisplayPath.Relative(report.FilePath, currentDirectory);
        foreach (var issue in report.Issues)
        {
            var where = issue.FilePath is null ? file : DisplayPath.Relative(issue.FilePath, currentDirectory);
            if (issue.Line is { } line)
            {
                where += string.Create(c, $":{line}");
            }

            sb.AppendLine(c, $"{where}: {Severity(issue.Severity)} {issue.Code}: {issue.Message}");
        }

        sb.AppendLine(c, $"{file}: {(report.IsValid ? "valid" : "invalid")}, {report.ExampleCount} examples, {report.ErrorCount} errors, {report.WarningCount} warnings");
        sb.AppendLine(c, $"tokens: {report.TotalTokens:N0} in all, {report.BillableTokens:N0} billable per epoch");
        var cost = report.Cost;
        sb.AppendLine(cost.EstimatedUsd is { } usd
            ? string.Create(c, $"cost: ~${usd:0.00} for {cost.Epochs} epochs of {cost.Model} ({cost.BilledTokens:N0} billed tokens)")
            : string.Create(c, $"cost: no price known for {cost.Model} ({cost.BilledTokens:N0} billed tokens over {cost.Epochs} epochs)"));
        return sb.ToString();
    }

    public static string Severity(ValidationSeverity severity) => severity == ValidationSeverity.Error ? "error" : "warning";
}
