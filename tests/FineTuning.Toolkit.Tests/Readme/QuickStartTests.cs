using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Validation;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Readme;

/// <summary>The README's quick start, run in process against the emulator. Keep the body verbatim in README.md
/// (ReadmeConsoleAppTests also builds and runs it as a new console app, from packed packages).</summary>
public sealed class QuickStartTests
{
    [Fact]
    public async Task QuickStart_AsWrittenInReadme_FineTunesAndCompares()
    {
        // 1. Build a dataset (OpenAI needs at least 10 examples) and validate it before anything is uploaded.
        var builder = DatasetBuilder.Create().WithSystemPrompt("You are TechFlow's helpful support assistant.");
        foreach (var name in new[] { "sales", "usage", "billing", "team", "projects", "invoices", "tickets", "uptime", "storage", "audit" })
        {
            builder.AddExample("features", e => e
                .User($"How do I export the {name} report?")
                .Assistant($"📊 **Export the {name} report**\n\n1. Open **Reports > {name}**.\n2. Click **Export** and pick CSV or PDF.\n\nAnything else I can help you with? 😊"));
        }

        var dataset = builder.Build();
        var validator = new DatasetValidator();
        ValidationReport report = await validator.ValidateAsync(dataset, new ValidationOptions { Model = "gpt-4o-mini-2024-07-18" });
        Console.WriteLine(report.ToText());

        // 2. Fine-tune. Here against the local emulator, on its fast simulated clock, which starts on a day OpenAI still
        //    took jobs (none from 2027-01-06). For a real service drop the emulator, the clock and Endpoint: until then
        //    OpenAI (ApiKey or OPENAI_API_KEY), after it Provider = "azure" (with its Endpoint) or "together".
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { StartTime = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero) });
        var runner = new FineTuneJobRunner(new FineTuneJobRunnerOptions { ApiKey = emulator.ApiKey, Endpoint = emulator.Endpoint }, emulator.Clock);
        FineTuneResult result = await runner.RunAsync(
            FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingData(dataset).WithSuffix("techflow-support").WithEpochs(3));
        Console.WriteLine($"{result.Status}: {result.FineTunedModel ?? result.Error?.Message}");

        // 3. Compare the base and the fine-tuned model: any IChatClient works.
        var openai = emulator.CreateOpenAIClient();
        var suite = new TestSuite("quick start",
            [TestCase.FromPrompt("export", "How do I export a report?", "features", new TestExpectations { ShouldEscalate = false })]);
        ComparisonReport comparison = await new ModelComparer().CompareAsync(
            suite,
            new ModelUnderTest("base", openai.GetChatClient("gpt-4o-mini").AsIChatClient()),
            new ModelUnderTest("fine-tuned", openai.GetChatClient(result.FineTunedModel!).AsIChatClient()));
        Console.WriteLine(comparison.ToMarkdown());

        Assert.True(report.IsValid, report.ToText());
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.StartsWith("ft:gpt-4o-mini-2024-07-18:", result.FineTunedModel, StringComparison.Ordinal);
        Assert.Equal(["base", "fine-tuned"], comparison.Models);
        Assert.Equal(2, comparison.Results.Count);
    }
}
