using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Golden;
using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Comparison.Statistics;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison.Golden;

/// <summary>The README's migration workflow (Providers → Migration workflow), verbatim, run against fakes.</summary>
public class MigrationReadmeExampleTests
{
    [Fact]
    public async Task ReadmeExample_SameAnswersOn40Cases_IsAGo()
    {
        var (report, go) = await Example(ComparisonFixtures.Suite(40), ComparisonFixtures.FineTuned("candidate"));

        Assert.True(go);
        Assert.Equal(5, report.Gates.Count(g => g.Model == "azure"));
    }

    [Fact]
    public async Task ReadmeExample_PlainAnswers_IsANoGo()
    {
        var (report, go) = await Example(ComparisonFixtures.Suite(40), ComparisonFixtures.Base("candidate"));

        Assert.False(go);
        Assert.Contains(report.Gates, g => g.Model == "azure" && !g.Passed && g.Reason.StartsWith("worse", StringComparison.Ordinal));
    }

    private static async Task<(ComparisonReport Report, bool Go)> Example(TestSuite suite, IChatClient newClient)
    {
        var goldenPath = Path.Combine(ComparisonTestFiles.TempDirectory(), "golden", "techflow-ft.jsonl");
        var retiringModelId = "ft:gpt-4o-mini-2024-07-18:techflow::abc123";
        IChatClient retiringClient = ComparisonFixtures.FineTuned();
        var comparer = new ModelComparer(ComparisonFixtures.Options());
        var cancellationToken = CancellationToken.None;

        // 1. While the retiring model still serves: record its answers to your suite (keep the file and the training data).
        await GoldenRecord.RecordAsync(new ModelUnderTest(retiringModelId, retiringClient), suite, goldenPath, comparer.Options, cancellationToken: cancellationToken);

        // 2. Retrain the same dataset on another provider (FineTuneJobRunner, Provider = "azure" or "together").
        // 3. Compare the new model with the recorded answers, case by case, under the migration gates.
        var golden = await GoldenRecord.LoadAsync(goldenPath, cancellationToken);
        var migration = new ModelComparer(new ModelComparerOptions
        {
            Temperature = 0,
            Scorers = ModelComparerOptions.DefaultScorers(FactCatalog.TechFlow()),
            Gates = [.. SuccessGate.Migration(margin: 0.10)], // the lab's criteria, each no worse by > 10 points (95% CI)
        });
        ComparisonReport report = await golden.CompareAsync(migration, suite, new ModelUnderTest("azure", newClient), cancellationToken);

        // 4. A go only when every gate passes (the error budget included); "insufficient evidence" is a no-go.
        bool go = report.PassesGates("azure");
        foreach (var gate in report.Gates.Where(g => g.Model == "azure"))
        {
            Console.WriteLine($"{(gate.Passed ? "✅" : "❌")} {gate.Gate}: {gate.Reason}");
        }

        return (report, go);
    }
}
