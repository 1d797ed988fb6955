using System.Collections.Concurrent;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Tests.Validation;

public sealed class ExampleRuleTests : IDisposable
{
    private readonly ValidationFiles _files = new();
    private readonly DatasetValidator _validator = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task ValidateFileAsync_HandWrittenRule_SeesTypedExampleLineAndReportsField()
    {
        var rule = new NoAsAlwaysRule();
        var lines = ValidationFiles.WithLine(ValidationFiles.Line(
            ValidationFiles.Message("system", ValidationFiles.SystemPrompt),
            ValidationFiles.Message("user", "Where is my invoice?"),
            ValidationFiles.Message("assistant", "Under Billing > Invoices, as always? Click it and download the PDF you need.")), lineNumber: 3);
        var path = _files.Write(lines);

        var report = await _validator.ValidateFileAsync(path, new ValidationOptions().AddRule(rule));

        var issue = Assert.Single(report.Issues, i => i.Code == "assistant_as_always");
        Assert.Equal(3, issue.Line);
        Assert.Equal(2, issue.ExampleIndex);
        Assert.Equal("messages[2].content", issue.Field);
        Assert.Equal(ValidationSeverity.Warning, issue.Severity);
        Assert.Equal(11, rule.Seen.Count);
        Assert.All(rule.Seen, seen => Assert.Equal(path, seen.FilePath));
    }

    [Fact]
    public async Task ValidateAsync_Dataset_RuleGetsTheDatasetsOwnExamples()
    {
        var dataset = DatasetBuilder.Create()
            .WithSystemPrompt(ValidationFiles.SystemPrompt)
            .AddExample("billing", "Where is my invoice?", "Under Billing > Invoices; click it and download the PDF you need today.")
            .AddExample("account", "How do I reset my password?", "Go to techflow.com/reset, enter your e-mail and follow the link we send.")
            .Build();
        var rule = new NoAsAlwaysRule();

        await _validator.ValidateAsync(dataset, new ValidationOptions().AddRule(rule));

        Assert.Equal(2, rule.Seen.Count);
        Assert.All(rule.Seen, seen => Assert.Same(dataset[seen.Index], seen.Example));
        Assert.Equal(["account", "billing"], rule.Seen.Select(s => s.Category).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ValidateFileAsync_RuleThatThrows_ReportedNotThrown()
    {
        var report = await _validator.ValidateFileAsync(_files.Write(ValidationFiles.WithLine(ValidationFiles.Good(99))), new ValidationOptions().AddRule(new ThrowingRule()));

        Assert.Equal(11, report.IssueCounts["custom_rule"]);
        Assert.Contains(nameof(InvalidOperationException), report.Issues.First(i => i.Code == "custom_rule").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_NullArguments_Throw()
    {
        var context = new ExampleRuleContext(new ValidationOptions(), TokenCounter.ForModel("gpt-4o-mini"), 65_536, null);

        Assert.Throws<ArgumentNullException>("code", () => context.Report(null!, ValidationSeverity.Error, "m"));
        Assert.Throws<ArgumentNullException>("message", () => context.Report("c", ValidationSeverity.Error, null!));
    }

    /// <summary>Warns when the last assistant message says "as always"; records what it saw.</summary>
    private sealed class NoAsAlwaysRule : IExampleRule
    {
        public ConcurrentBag<(int Index, string? FilePath, string? Category, DatasetExample Example)> Seen { get; } = [];

        public void Validate(ExampleRuleContext context)
        {
            var example = (TrainingExample)context.Example!;
            Seen.Add((context.ExampleIndex, context.FilePath, context.Category, example));
            var last = example.Messages.Count - 1;
            if (example.Messages[last].Text.Contains("as always", StringComparison.Ordinal))
            {
                context.Report("assistant_as_always", ValidationSeverity.Warning, "the answer says 'as always'.", $"messages[{last}].content");
            }
        }
    }

    private sealed class ThrowingRule : IExampleRule
    {
        public void Validate(ExampleRuleContext context) => throw new InvalidOperationException("boom");
    }
}
