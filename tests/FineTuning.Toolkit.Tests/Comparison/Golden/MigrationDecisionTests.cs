using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Golden;
using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Comparison.Statistics;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison.Golden;

/// <summary>
/// The migration decision: a retiring model's golden record replayed as the baseline, a candidate compared with it, and
/// <see cref="SuccessGate.Migration"/> (non-inferiority within 10 points on the lab's criteria) plus the error budget.
/// </summary>
public class MigrationDecisionTests
{
    private const string Candidate = "retrained elsewhere";

    [Fact]
    public async Task CompareAsync_SameAnswersOn40Cases_IsAGo()
    {
        var report = await MigrateAsync(40, ComparisonFixtures.FineTuned("candidate"));

        Assert.True(report.PassesGates(Candidate));
        var format = CandidateGate(report, Criteria.Format);
        Assert.StartsWith("non-inferior: ", format.Reason, StringComparison.Ordinal);
        Assert.Contains("40 paired cases", format.Reason, StringComparison.Ordinal);
        Assert.Contains("95% CI [-8.8, +8.8]", format.Reason, StringComparison.Ordinal);
        Assert.Equal(40, format.Cases);
        Assert.Empty(report.GetRegressions(report.Models[1]));
    }

    [Fact]
    public async Task CompareAsync_FormatLostOnEveryFourthCase_IsANoGoNamingTheRegressions()
    {
        var sloppy = TestChatClient.Answering(
            p => p.Contains("down", StringComparison.Ordinal) ? TechFlowAnswers.Escalating
                : Number(p) % 4 == 1 ? TechFlowAnswers.Plain
                : TechFlowAnswers.Formatted,
            "sloppy");

        var report = await MigrateAsync(40, sloppy);

        Assert.False(report.PassesGates(Candidate));
        var format = CandidateGate(report, Criteria.Format);
        Assert.False(format.Passed);
        Assert.StartsWith("worse", format.Reason, StringComparison.Ordinal);
        Assert.Contains("regressed on ", format.Reason, StringComparison.Ordinal);
        Assert.Contains("case-01", format.Reason, StringComparison.Ordinal);
        Assert.Null(format.CasesNeeded);
        Assert.True(CandidateGate(report, Criteria.Escalation).Passed);
    }

    [Fact]
    public async Task CompareAsync_SameAnswersOn6Cases_IsANoGoForInsufficientEvidence()
    {
        var report = await MigrateAsync(6, ComparisonFixtures.FineTuned("candidate"));

        Assert.False(report.PassesGates(Candidate));
        var format = CandidateGate(report, Criteria.Format);
        Assert.StartsWith("insufficient evidence: 6 paired cases, at least 10 required", format.Reason, StringComparison.Ordinal);
        Assert.Equal(35, format.CasesNeeded);
        Assert.Empty(report.GetRegressions(report.Models[1]));
    }

    [Fact]
    public async Task CompareAsync_SameAnswersOn20Cases_IsANoGoSayingHowManyCasesWouldDo()
    {
        var report = await MigrateAsync(20, ComparisonFixtures.FineTuned("candidate"));

        Assert.False(report.PassesGates(Candidate));
        var format = CandidateGate(report, Criteria.Format);
        Assert.StartsWith("insufficient evidence: the interval reaches below the margin", format.Reason, StringComparison.Ordinal);
        Assert.Contains("95% CI [-16.1, +16.1]", format.Reason, StringComparison.Ordinal);
        Assert.Contains("≥ 35 cases (add 15)", format.Reason, StringComparison.Ordinal);
        Assert.Equal(35, format.CasesNeeded);
    }

    [Fact]
    public async Task CompareAsync_CandidateErrorsBeyondTheBudget_IsANoGoEvenWhenItsAnswersAreAsGood()
    {
        var flaky = TestChatClient.Answering(
            p => Number(p) % 10 == 5 ? throw new InvalidOperationException("deployment not ready")
                : p.Contains("down", StringComparison.Ordinal) ? TechFlowAnswers.Escalating : TechFlowAnswers.Formatted,
            "flaky");

        var report = await MigrateAsync(40, flaky);

        Assert.True(CandidateGate(report, Criteria.Format).Passed, CandidateGate(report, Criteria.Format).Reason);
        Assert.False(report.PassesGates(Candidate));
        var budget = report.Gates.Single(g => g.Model == Candidate && g.Gate.StartsWith("errors", StringComparison.Ordinal));
        Assert.False(budget.Passed);
        Assert.Contains("4 errors in 40", budget.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoWorseThanBaseline_BaselineErringBeyondTheBudget_IsNotComparable()
    {
        var suite = ComparisonFixtures.Suite(40);
        var erring = TestChatClient.Answering(
            p => Number(p) % 5 == 2 ? throw new InvalidOperationException("gone") : p.Contains("down", StringComparison.Ordinal) ? TechFlowAnswers.Escalating : TechFlowAnswers.Formatted,
            "old");
        var comparer = new ModelComparer(ComparisonFixtures.Options(o => o.Gates = [.. SuccessGate.Migration()]));

        var report = await comparer.CompareAsync(suite, new ModelUnderTest("old", erring), new ModelUnderTest(Candidate, ComparisonFixtures.FineTuned("candidate")));

        var format = CandidateGate(report, Criteria.Format);
        Assert.False(format.Passed);
        Assert.StartsWith("not comparable: the baseline's own format results errored on 8 of 40 answers", format.Reason, StringComparison.Ordinal);
        Assert.True(report.Gates.Single(g => g.Model == "old" && g.Gate == format.Gate).Passed);
    }

    [Fact]
    public async Task CompareAsync_SuiteWithCasesTheRecordLacks_ThrowsNamingThemBeforeAnyCall()
    {
        var path = Path.Combine(ComparisonTestFiles.TempDirectory(), "golden.jsonl");
        var options = ComparisonFixtures.Options();
        var golden = await GoldenRecord.RecordAsync(new ModelUnderTest("ft:old", ComparisonFixtures.FineTuned()), ComparisonFixtures.Suite(6), path, options);
        var candidate = ComparisonFixtures.FineTuned("candidate");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => golden.CompareAsync(new ModelComparer(options), ComparisonFixtures.Suite(8), new ModelUnderTest(Candidate, candidate)));

        Assert.Contains("no answer for 2 of the 8 cases", ex.Message, StringComparison.Ordinal);
        Assert.Contains("case-06, case-07", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, candidate.Calls);
        Assert.Equal(["case-06", "case-07"], golden.MissingCases(ComparisonFixtures.Suite(8)));
        Assert.Empty(golden.MissingCases(ComparisonFixtures.Suite(6)));
        Assert.Empty(golden.MissingCases(ComparisonFixtures.Suite(6), "ignored: the suite has its own system prompt"));
        Assert.Equal(6, golden.MissingCases(new TestSuite("fixture", ComparisonFixtures.Suite(6).Cases), "another system prompt").Count);
    }

    [Fact]
    public async Task CompareAsync_NullArguments_Throw()
    {
        var golden = new GoldenRecord("m", "s", DateTimeOffset.UnixEpoch, []);
        var comparer = new ModelComparer();
        var model = new ModelUnderTest("c", ComparisonFixtures.Base());

        await Assert.ThrowsAsync<ArgumentNullException>("comparer", () => golden.CompareAsync(null!, ComparisonFixtures.Suite(1), model));
        await Assert.ThrowsAsync<ArgumentNullException>("suite", () => golden.CompareAsync(comparer, null!, model));
        await Assert.ThrowsAsync<ArgumentNullException>("candidate", () => golden.CompareAsync(comparer, ComparisonFixtures.Suite(1), null!));
    }

    [Fact]
    public void NoWorseThanBaseline_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("criterion", () => SuccessGate.NoWorseThanBaseline(null!, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>("margin", () => SuccessGate.NoWorseThanBaseline(Criteria.Format, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>("margin", () => SuccessGate.NoWorseThanBaseline(Criteria.Format, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>("minimumCases", () => SuccessGate.NoWorseThanBaseline(Criteria.Format, 0.1, 0));
    }

    [Fact]
    public void Migration_CoversTheLabCriteria()
    {
        Assert.Equal(
            ["format no worse than the baseline by more than 10 points (95% CI)", "escalation no worse than the baseline by more than 10 points (95% CI)",
             "no-invented-facts no worse than the baseline by more than 10 points (95% CI)", "tone no worse than the baseline by more than 10 points (95% CI)"],
            SuccessGate.Migration().Select(g => g.Name));
    }

    /// <summary>Records the "retiring" fake on a suite, reloads the file, and compares the candidate with it under the migration gates.</summary>
    private static async Task<ComparisonReport> MigrateAsync(int cases, IChatClient candidate)
    {
        var suite = ComparisonFixtures.Suite(cases);
        var options = ComparisonFixtures.Options(o => o.Gates = [.. SuccessGate.Migration()]);
        var path = Path.Combine(ComparisonTestFiles.TempDirectory(), "golden.jsonl");
        await GoldenRecord.RecordAsync(new ModelUnderTest("ft:gpt-4o-mini:techflow", ComparisonFixtures.FineTuned()), suite, path, options);
        var golden = await GoldenRecord.LoadAsync(path);

        return await golden.CompareAsync(new ModelComparer(options), suite, new ModelUnderTest(Candidate, candidate));
    }

    private static GateResult CandidateGate(ComparisonReport report, string criterion) =>
        report.Gates.Single(g => g.Model == Candidate && g.Gate.StartsWith(criterion + " no worse", StringComparison.Ordinal));

    /// <summary>The case number in a fixture prompt ("... (7)").</summary>
    private static int Number(string prompt) =>
        int.Parse(prompt[(prompt.LastIndexOf('(') + 1)..prompt.LastIndexOf(')')], System.Globalization.CultureInfo.InvariantCulture);
}
