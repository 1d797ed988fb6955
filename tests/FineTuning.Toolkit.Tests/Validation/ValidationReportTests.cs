using System.Text.Json;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Tests.Validation;

public sealed class ValidationReportTests
{
    [Fact]
    public async Task ToJson_Report_HasExactlyTheDocumentedCamelCaseShape()
    {
        var examples = Enumerable.Range(0, 9).Select(i => (DatasetExample)new TrainingExample
        {
            Messages = [TrainingMessage.System("Be helpful."), TrainingMessage.User($"Question {i}?"), TrainingMessage.Assistant("Short.")],
        });

        var report = await new DatasetValidator(null, FineTuning.Toolkit.Tests.Providers.LifecycleClock.Create()).ValidateAsync(Dataset.Create(examples));
        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;

        Assert.Equal(["isValid", "exampleCount", "issues", "tokens", "cost"], Names(root));
        Assert.False(root.GetProperty("isValid").GetBoolean());
        Assert.Equal(9, root.GetProperty("exampleCount").GetInt32());
        var first = root.GetProperty("issues")[0];
        Assert.Equal(["code", "severity", "message", "line", "exampleIndex"], Names(first));
        Assert.Equal("short_assistant_response", first.GetProperty("code").GetString());
        Assert.Equal("warning", first.GetProperty("severity").GetString());
        Assert.Equal(1, first.GetProperty("line").GetInt32());
        Assert.Equal(0, first.GetProperty("exampleIndex").GetInt32());
        var tooFew = root.GetProperty("issues").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "too_few_examples");
        Assert.Equal("error", tooFew.GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.Null, tooFew.GetProperty("line").ValueKind);

        var tokens = root.GetProperty("tokens");
        Assert.Equal(["total", "billable", "perExample", "assistantPerExample", "messagesPerExample"], Names(tokens));
        foreach (var name in new[] { "perExample", "assistantPerExample", "messagesPerExample" })
        {
            Assert.Equal(["min", "max", "mean", "median", "p5", "p95"], Names(tokens.GetProperty(name)));
        }

        Assert.Equal(3, tokens.GetProperty("messagesPerExample").GetProperty("median").GetDouble());
        Assert.Equal(report.TotalTokens, tokens.GetProperty("total").GetInt64());
        var cost = root.GetProperty("cost");
        Assert.Equal(["model", "epochs", "billedTokens", "estimatedUsd"], Names(cost));
        Assert.Equal("gpt-4o-mini-2024-07-18", cost.GetProperty("model").GetString());
        Assert.Equal(11, cost.GetProperty("epochs").GetInt32()); // 9 examples: 100 / 9 = 11 epochs
        Assert.Equal(report.BillableTokens * 11, cost.GetProperty("billedTokens").GetInt64());
        Assert.Equal(report.Cost.EstimatedUsd, cost.GetProperty("estimatedUsd").GetDecimal());
    }

    [Fact]
    public async Task ToTextAndToMarkdown_Report_ShowIssuesTokensAndCost()
    {
        var examples = Enumerable.Range(0, 10).Select(i => (DatasetExample)new TrainingExample
        {
            Messages = [TrainingMessage.User($"Question {i}?"), TrainingMessage.Assistant($"A complete and friendly answer to question {i}, with next steps.")],
        });

        var report = await new DatasetValidator(null, FineTuning.Toolkit.Tests.Providers.LifecycleClock.Create()).ValidateAsync(Dataset.Create(examples));
        var text = report.ToText();
        var markdown = report.ToMarkdown();

        Assert.Contains("Validation passed: 10 examples, 0 errors, 10 warnings", text, StringComparison.Ordinal);
        Assert.Contains("missing_system_message: line 1", text, StringComparison.Ordinal);
        Assert.Contains("gpt-4o-mini-2024-07-18, 10 epochs (automatic)", text, StringComparison.Ordinal);
        Assert.Contains("| warning | `missing_system_message` | 1 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Tokens |", markdown, StringComparison.Ordinal);
        Assert.Contains("$3.00/1M tokens (prices as of 2026-12-01)", markdown, StringComparison.Ordinal);
    }

    private static List<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToList();
}
