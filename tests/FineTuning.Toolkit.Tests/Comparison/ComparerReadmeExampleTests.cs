using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Golden;
using FineTuning.Toolkit.Comparison.Reports;
using FineTuning.Toolkit.Comparison.Scorers;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison;

/// <summary>The comparer section of the README, verbatim, run against fakes.</summary>
public class ComparerReadmeExampleTests
{
    [Fact]
    public async Task ReadmeExample_CompareRecordAndReplay_Runs()
    {
        var suitePath = ComparisonTestFiles.Data("techflow-lab.json");
        var outputDirectory = ComparisonTestFiles.TempDirectory();
        IChatClient baseClient = ComparisonFixtures.Base();
        IChatClient fineTunedClient = ComparisonFixtures.FineTuned();
        IChatClient candidateClient = ComparisonFixtures.FineTuned("candidate");
        IChatClient judgeClient = new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "{\"winner\": \"tie\"}"))),
        };
        var cancellationToken = CancellationToken.None;

        var (report, replacement) = await Example(suitePath, outputDirectory, baseClient, fineTunedClient, candidateClient, judgeClient, cancellationToken);

        Assert.Equal(["base", "fine-tuned"], report.Models);
        Assert.True(File.Exists(Path.Combine(outputDirectory, "comparison.html")));
        Assert.True(File.Exists(Path.Combine(outputDirectory, "comparison.jsonl")));
        Assert.Equal("ft:gpt-4o-mini:techflow (golden)", replacement.Baseline);
        Assert.Empty(replacement.GetRegressions(replacement.Models[1]));
    }

    private static async Task<(ComparisonReport Report, ComparisonReport Replacement)> Example(
        string suitePath,
        string outputDirectory,
        IChatClient baseClient,
        IChatClient fineTunedClient,
        IChatClient candidateClient,
        IChatClient judgeClient,
        CancellationToken cancellationToken)
    {
        var suite = await TestSuite.LoadAsync(suitePath, cancellationToken);
        var comparer = new ModelComparer(new ModelComparerOptions
        {
            MaxConcurrency = 8,
            Repeats = 2,                                   // shows how stable answers are; statistics count cases
            Temperature = 0,
            Seed = 42,
            CacheDirectory = Path.Combine(outputDirectory, "cache"),            // a re-run makes no calls
            ResultsPath = Path.Combine(outputDirectory, "comparison.jsonl"),    // an interrupted run resumes
            Scorers = ModelComparerOptions.DefaultScorers(FactCatalog.TechFlow()),
            PairwiseJudge = new PairwiseJudge(judgeClient),
        });

        ComparisonReport report = await comparer.CompareAsync(
            suite,
            new ModelUnderTest("base", baseClient),
            new ModelUnderTest("fine-tuned", fineTunedClient),
            cancellationToken);

        Console.WriteLine(report.ToMarkdown());              // paste into the pull request
        await report.WriteAsync(IReportWriter.Html, Path.Combine(outputDirectory, "comparison.html"), cancellationToken);
        bool shipIt = report.PassesGates("fine-tuned");      // format ≥ 90% at the lower bound, escalation 5/5, ...
        Console.WriteLine(shipIt ? "ship it" : "keep iterating");

        // Before the fine-tuned model is retired: record its answers, later compare a replacement with them.
        var goldenPath = Path.Combine(outputDirectory, "golden", "techflow-ft.jsonl");
        await GoldenRecord.RecordAsync(new ModelUnderTest("ft:gpt-4o-mini:techflow", fineTunedClient), suite, goldenPath, comparer.Options, cancellationToken: cancellationToken);
        var golden = await GoldenRecord.LoadAsync(goldenPath, cancellationToken);
        ComparisonReport replacement = await comparer.CompareAsync(
            suite,
            golden.AsModelUnderTest(),
            new ModelUnderTest("gpt-4.1-mini", candidateClient),
            cancellationToken);

        return (report, replacement);
    }
}
