using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Tests.Validation;

/// <summary>Compiles and runs the validator snippets of the README (readme-parts/validator.md) verbatim.</summary>
public sealed class ReadmeValidatorSnippetTests : IDisposable
{
    private readonly ValidationFiles _files = new();

    [Fact]
    public async Task ReadmeSnippet_ValidateFile_ReportsIssuesTokensAndCost()
    {
        var path = _files.Write(ValidationFiles.WithLine(ValidationFiles.Good(3), 5));
        var output = new StringWriter();
        var cancellationToken = CancellationToken.None;

        var validator = new DatasetValidator();
        var options = new ValidationOptions
        {
            Model = "gpt-4o-mini-2024-07-18",
            Epochs = 3,                 // null (the default) lets OpenAI's rule choose
            MinAssistantLength = 50,    // the lab's quality bar
        }
        .RequireCategory("account", 5).RequireCategory("billing", 5)
        .Disable(ValidationIssueCodes.MissingSystemMessage);

        options.RuleFor(example => example.Category)
            .Must(category => category is not null)
            .WithCode("missing_category")
            .WithMessage("Every example needs a category.")
            .WithSeverity(ValidationSeverity.Warning);

        ValidationReport report = await validator.ValidateFileAsync(path, options, cancellationToken);
        foreach (var issue in report.Issues)
        {
            output.WriteLine($"{issue.Severity} {issue.Code} line {issue.Line}: {issue.Message}");
        }

        output.WriteLine($"{report.TotalTokens} tokens, {report.Cost.BilledTokens} billed, ≈ ${report.Cost.EstimatedUsd}");
        File.WriteAllText(path + ".report.json", report.ToJson());

        var text = output.ToString();
        Assert.Contains("Warning duplicate_example line 5", text, StringComparison.Ordinal);
        Assert.Contains("missing_category", text, StringComparison.Ordinal);
        Assert.Contains("category_underrepresented", text, StringComparison.Ordinal);
        Assert.Equal(report.BillableTokens * 3, report.Cost.BilledTokens);
        Assert.True(report.IsValid);
        File.Delete(path + ".report.json");
    }

    [Fact]
    public async Task ReadmeSnippet_ValidateDataset_CountsTokensExactly()
    {
        var cancellationToken = CancellationToken.None;

        var counter = TokenCounter.ForModel("gpt-4o-mini");      // o200k_base, shared and cached
        int tokens = counter.CountTokens("How do I reset my password?");
        var example = new TrainingExample
        {
            Messages =
            [
                TrainingMessage.System("You are TechFlow's helpful support assistant."),
                TrainingMessage.User("How do I reset my password?"),
                TrainingMessage.Assistant("Go to techflow.com/reset, enter your e-mail and follow the link we send you."),
            ],
            Category = "account",
        };
        int perExample = counter.CountTokens(example);             // 3 per message + 3 priming, as the cookbook
        var report2 = await new DatasetValidator().ValidateAsync(Dataset.Create([example]), cancellationToken: cancellationToken);

        Assert.Equal(7, tokens);
        Assert.Equal(perExample, report2.TotalTokens);
        Assert.Contains(report2.Issues, i => i.Code == ValidationIssueCodes.TooFewExamples);
    }

    public void Dispose() => _files.Dispose();
}
