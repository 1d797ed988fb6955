using System.Globalization;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Validation.Json;

namespace FineTuning.Toolkit.Validation;

/// <summary>
/// The result of validating a dataset: its issues, token statistics and cost estimate, with text, Markdown and JSON renderings.
/// </summary>
public sealed class ValidationReport
{
    internal ValidationReport(
        int exampleCount,
        IReadOnlyList<ValidationIssue> issues,
        IReadOnlyDictionary<string, int> issueCounts,
        int errorCount,
        int warningCount,
        TokenStatistics tokens,
        CostEstimate cost,
        string? filePath,
        TimeSpan duration)
    {
        ExampleCount = exampleCount;
        Issues = issues;
        IssueCounts = issueCounts;
        Tokens = tokens;
        Cost = cost;
        FilePath = filePath;
        Duration = duration;
        ErrorCount = errorCount;
        WarningCount = warningCount;
    }

    /// <summary>Gets a value indicating whether the dataset has no errors (warnings allowed).</summary>
    public bool IsValid => ErrorCount == 0;

    /// <summary>Gets the number of errors, including those not listed because of the per-code limit.</summary>
    public int ErrorCount { get; }

    /// <summary>Gets the number of warnings, including those not listed because of the per-code limit.</summary>
    public int WarningCount { get; }

    /// <summary>Gets the number of examples read (non-blank lines of a file).</summary>
    public int ExampleCount { get; }

    /// <summary>Gets the issues, by line; at most <see cref="ValidationOptions.MaxIssuesPerCode"/> per code.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; }

    /// <summary>Gets the number of issues of each code, including those not listed because of the per-code limit.</summary>
    public IReadOnlyDictionary<string, int> IssueCounts { get; }

    /// <summary>Gets the errors.</summary>
    public IEnumerable<ValidationIssue> Errors => Issues.Where(i => i.Severity == ValidationSeverity.Error);

    /// <summary>Gets the warnings.</summary>
    public IEnumerable<ValidationIssue> Warnings => Issues.Where(i => i.Severity == ValidationSeverity.Warning);

    /// <summary>Gets the tokens of all examples (per epoch), counted exactly with the model's tokenizer.</summary>
    public long TotalTokens => Tokens.Total;

    /// <summary>Gets the tokens billed per epoch: Σ min(limit, tokens of each example).</summary>
    /// <remarks>The per-example distributions (min, max, mean, median, P5, P95) are in the text, Markdown and JSON renderings.</remarks>
    public long BillableTokens => Tokens.Billable;

    /// <summary>Gets the token statistics, with the per-example distributions.</summary>
    internal TokenStatistics Tokens { get; }

    /// <summary>Gets the cost estimate.</summary>
    public CostEstimate Cost { get; }

    /// <summary>Gets the file validated, or <see langword="null"/> for a <c>Dataset</c>.</summary>
    public string? FilePath { get; }

    /// <summary>Gets how long the validation took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Renders the report as plain text.</summary>
    /// <returns>The text.</returns>
    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"Validation {(IsValid ? "passed" : "FAILED")}: {ExampleCount} examples, {ErrorCount} errors, {WarningCount} warnings");
        if (FilePath is not null)
        {
            sb.Append(c, $" ({FilePath})");
        }

        sb.AppendLine();
        foreach (var issue in Issues)
        {
            sb.AppendLine(issue.ToString());
        }

        AppendSuppressed(sb, "  ");
        sb.AppendLine(c, $"Tokens: {Tokens.Total} in all, {Tokens.Billable} billable per epoch");
        AppendDistribution(sb, "  per example", Tokens.PerExample);
        AppendDistribution(sb, "  assistant per example", Tokens.AssistantPerExample);
        AppendDistribution(sb, "  messages per example", Tokens.MessagesPerExample);
        sb.AppendLine(c, $"Cost: {CostText()}");
        return sb.ToString();
    }

    /// <summary>Renders the report as Markdown (a summary, an issue table, token statistics and the cost).</summary>
    /// <returns>The Markdown.</returns>
    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"## Dataset validation: {(IsValid ? "✅ valid" : "❌ invalid")}");
        sb.AppendLine();
        sb.AppendLine(c, $"{ExampleCount} examples, {ErrorCount} errors, {WarningCount} warnings.");
        sb.AppendLine();
        if (Issues.Count > 0)
        {
            sb.AppendLine("| Severity | Code | Line | Example | Message |");
            sb.AppendLine("|---|---|---|---|---|");
            foreach (var issue in Issues)
            {
                sb.AppendLine(c, $"| {issue.Severity.ToString().ToLowerInvariant()} | `{issue.Code}` | {issue.Line?.ToString(c) ?? "—"} | {issue.ExampleIndex?.ToString(c) ?? "—"} | {EscapeCell(issue.Message)} |");
            }

            sb.AppendLine();
            AppendSuppressed(sb, "- ");
        }

        sb.AppendLine("| Per example | Min | Max | Mean | Median | P5 | P95 |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        AppendRow(sb, "Tokens", Tokens.PerExample);
        AppendRow(sb, "Assistant tokens", Tokens.AssistantPerExample);
        AppendRow(sb, "Messages", Tokens.MessagesPerExample);
        sb.AppendLine();
        sb.AppendLine(c, $"**Tokens:** {Tokens.Total:N0} in all, {Tokens.Billable:N0} billable per epoch.  ");
        sb.AppendLine(c, $"**Cost:** {CostText()}");
        return sb.ToString();
    }

    /// <summary>
    /// Renders the report as JSON (camelCase): <c>isValid</c>, <c>exampleCount</c>, <c>issues</c> (<c>code</c>,
    /// <c>severity</c>, <c>message</c>, <c>line</c>, <c>exampleIndex</c>), <c>tokens</c> (<c>total</c>, <c>billable</c>,
    /// <c>perExample</c>, <c>assistantPerExample</c>, <c>messagesPerExample</c>, each with <c>min</c>, <c>max</c>,
    /// <c>mean</c>, <c>median</c>, <c>p5</c>, <c>p95</c>) and <c>cost</c> (<c>model</c>, <c>epochs</c>,
    /// <c>billedTokens</c>, <c>estimatedUsd</c>).
    /// </summary>
    /// <param name="indented"><see langword="true"/> to indent the JSON.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool indented = true) => JsonSerializer.Serialize(
        ValidationReportDocument.From(this),
        (indented ? ValidationJsonContext.Indented : ValidationJsonContext.Compact).ValidationReportDocument);

    /// <inheritdoc />
    public override string ToString() =>
        $"ValidationReport ({(IsValid ? "valid" : "invalid")}, {ExampleCount} examples, {ErrorCount} errors, {WarningCount} warnings)";

    private string CostText()
    {
        var c = CultureInfo.InvariantCulture;
        var epochs = Cost.EpochsAutomatic ? $"{Cost.Epochs} epochs (automatic)" : $"{Cost.Epochs} epochs";
        var price = Cost.EstimatedUsd is { } usd
            ? string.Create(c, $"≈ ${usd:0.00##} at ${Cost.TrainingUsdPerMillionTokens:0.00}/1M tokens (prices as of {Cost.PricesAsOf:yyyy-MM-dd})")
            : "no price known for this model";
        return string.Create(c, $"{Cost.Model}, {epochs}, {Cost.BilledTokens:N0} billed tokens, {price}");
    }

    private void AppendSuppressed(StringBuilder sb, string prefix)
    {
        foreach (var (code, count) in IssueCounts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var listed = Issues.Count(i => i.Code == code);
            if (count > listed)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"{prefix}{count - listed} more `{code}` issues not listed ({count} in all).");
            }
        }
    }

    private static void AppendDistribution(StringBuilder sb, string label, DistributionStatistics d) =>
        sb.AppendLine(CultureInfo.InvariantCulture, $"{label}: min {d.Min}, max {d.Max}, mean {d.Mean:0.##}, median {d.Median:0.##}, p5 {d.P5:0.##}, p95 {d.P95:0.##}");

    private static void AppendRow(StringBuilder sb, string label, DistributionStatistics d) =>
        sb.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {d.Min} | {d.Max} | {d.Mean:0.##} | {d.Median:0.##} | {d.P5:0.##} | {d.P95:0.##} |");

    private static string EscapeCell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal);
}
