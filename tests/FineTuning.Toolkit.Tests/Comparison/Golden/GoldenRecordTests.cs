using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Golden;
using FineTuning.Toolkit.Comparison.Scorers;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison.Golden;

public class GoldenRecordTests
{
    [Fact]
    public async Task RecordAsync_ThenReplay_ComparesCandidateWithoutCallingRetiredModel()
    {
        var path = Path.Combine(ComparisonTestFiles.TempDirectory(), "ft-golden.jsonl");
        var retired = ComparisonFixtures.FineTuned();
        var suite = ComparisonFixtures.Suite(6);
        var options = ComparisonFixtures.Options();
        await GoldenRecord.RecordAsync(new ModelUnderTest("ft:gpt-4o-mini:techflow", retired), suite, path, options);
        Assert.Equal(6, retired.Calls);

        var golden = await GoldenRecord.LoadAsync(path);
        var candidate = ComparisonFixtures.Base();
        var report = await new ModelComparer(options).CompareAsync(suite, golden.AsModelUnderTest(), new ModelUnderTest("replacement", candidate));

        Assert.Equal(6, retired.Calls);
        Assert.Equal(6, candidate.Calls);
        Assert.Equal("ft:gpt-4o-mini:techflow (golden)", report.Baseline);
        Assert.Equal(6, report.GetSummary(report.Baseline, Criteria.Format)!.Passed);
        Assert.Equal(6, report.GetRegressions("replacement", Criteria.Format).Count);
        Assert.Equal(retired.Requests.Select(r => r.Messages[^1].Text).Order(), golden.Answers.Select(a => suite.Cases.Single(c => c.Id == a.CaseId).Prompt).Order());
    }

    [Fact]
    public async Task AsChatClient_UnknownConversation_ThrowsNamingTheModel()
    {
        var record = new GoldenRecord("old-model", "s", DateTimeOffset.UnixEpoch, []);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => record.AsChatClient().GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]));

        Assert.Contains("old-model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAsyncAndLoadAsync_RoundTrip()
    {
        var path = Path.Combine(ComparisonTestFiles.TempDirectory(), "g.jsonl");
        var record = new GoldenRecord("m", "suite", DateTimeOffset.Parse("2026-11-25T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), [new GoldenAnswer("c", "key", "answer ✓", 3, 4, 12.5)]);

        await record.SaveAsync(path);
        var loaded = await GoldenRecord.LoadAsync(path);

        Assert.Equal(record.Answers, loaded.Answers);
        Assert.Equal(record.RecordedAt, loaded.RecordedAt);
        Assert.Equal("m", loaded.Model);
    }

    [Fact]
    public async Task LoadAsync_NotAGoldenRecord_ThrowsWithLine()
    {
        var path = Path.Combine(ComparisonTestFiles.TempDirectory(), "bad.jsonl");
        await File.WriteAllTextAsync(path, "{\"golden\": {\"model\": \"m\", \"suite\": \"s\", \"recordedAt\": \"2026-01-01T00:00:00Z\"}}\nnot json\n");

        var ex = await Assert.ThrowsAsync<FormatException>(() => GoldenRecord.LoadAsync(path));

        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_NullArguments_Throw()
    {
        var model = new ModelUnderTest("m", ComparisonFixtures.Base());

        await Assert.ThrowsAsync<ArgumentNullException>("model", () => GoldenRecord.RecordAsync(null!, ComparisonFixtures.Suite(1), "x"));
        await Assert.ThrowsAsync<ArgumentNullException>("suite", () => GoldenRecord.RecordAsync(model, null!, "x"));
        await Assert.ThrowsAsync<ArgumentNullException>("path", () => GoldenRecord.RecordAsync(model, ComparisonFixtures.Suite(1), null!));
    }
}
