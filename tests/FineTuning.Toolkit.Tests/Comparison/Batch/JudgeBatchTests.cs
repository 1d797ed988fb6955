using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison.Batch;

/// <summary>The judges' requests sent as a second batch once the answers are in.</summary>
public sealed class JudgeBatchTests
{
    [Theory]
    [InlineData(EmulatorDialect.OpenAI)]
    [InlineData(EmulatorDialect.Together)]
    public async Task CompareAsync_JudgesInBatchMode_SameScoresAndVerdictsAsLiveJudgesInOneMoreBatch(EmulatorDialect dialect)
    {
        await using var emulator = await BatchScenario.StartAsync(dialect: dialect);
        var suite = BatchScenario.Suite(12);

        var live = await BatchScenario.RunAsync(emulator, WithJudges(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Live)), suite);
        var liveCalls = emulator.Requests.Count("POST", "/v1/chat/completions");
        var batch = await BatchScenario.RunAsync(emulator, WithJudges(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Batch)), suite);

        Assert.True(liveCalls > 24);
        Assert.Equal(liveCalls, emulator.Requests.Count("POST", "/v1/chat/completions"));
        Assert.Equal(2, emulator.Requests.Count("POST", "/v1/batches"));
        Assert.Equal(0, batch.ErrorCount);
        Assert.Contains(batch.Results, r => r.Scores.Any(s => s.Criterion == Criteria.Rubric && s.Outcome == ScoreOutcome.Pass));
        Assert.Equal(BatchScenario.Outcomes(live), BatchScenario.Outcomes(batch));
        Assert.Equal(RubricValues(live), RubricValues(batch));
        Assert.Equal(Verdicts(live), Verdicts(batch));
        Assert.Equal(live.Run.JudgeCalls, batch.Run.JudgeCalls);
    }

    [Fact]
    public async Task CompareAsync_AbandonedWhileTheJudgeBatchRunsThenRestarted_ReattachesWithoutASecondJudgeBatch()
    {
        await using var emulator = await BatchScenario.StartAsync();
        var suite = BatchScenario.Suite(10);
        var journal = Path.Combine(ComparisonTestFiles.TempDirectory(), "batches.jsonl");

        using (var abandon = new CancellationTokenSource())
        {
            var first = new ModelComparer(WithJudges(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Batch, journal)), emulator.Clock)
                .CompareAsync(suite, BatchScenario.Models(emulator), cancellationToken: abandon.Token);
            await BatchScenario.PumpUntilAsync(emulator, () => emulator.Requests.Count("POST", "/v1/batches", 200) == 2 || first.IsCompleted);
            var polls = emulator.Requests.Count("GET", "/v1/batches/{batch_id}");
            await BatchScenario.PumpUntilAsync(emulator, () => emulator.Requests.Count("GET", "/v1/batches/{batch_id}") > polls || first.IsCompleted);
            Assert.False(first.IsCompleted);
            abandon.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        }

        Assert.Equal(2, emulator.Requests.Count("POST", "/v1/batches"));
        var report = await BatchScenario.RunAsync(emulator, WithJudges(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Batch, journal)), suite);

        Assert.Equal(2, emulator.Requests.Count("POST", "/v1/batches"));
        Assert.Equal(0, report.ErrorCount);
        var live = await BatchScenario.RunAsync(emulator, WithJudges(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Live)), suite);
        Assert.Equal(BatchScenario.Outcomes(live), BatchScenario.Outcomes(report));
        Assert.Equal(Verdicts(live), Verdicts(report));
    }

    [Fact]
    public async Task CompareAsync_JudgeLinesFail_JudgeErrorsOfThoseCasesAndTheGatesFailClosed()
    {
        await using var emulator = await BatchScenario.StartAsync(b => b.FailRequest = line => line.Contains("ANSWER_TO_RATE", StringComparison.Ordinal) && line.Contains("(case 2)", StringComparison.Ordinal));
        var options = WithJudges(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Batch));
        options.ErrorBudget = 0;

        var report = await BatchScenario.RunAsync(emulator, options, BatchScenario.Suite(10));

        foreach (var result in report.Results)
        {
            Assert.Null(result.Error);
            var rubric = result.Scores.Single(s => s.Criterion == Criteria.Rubric);
            Assert.Equal(result.CaseId == "case-00002", rubric.Outcome == ScoreOutcome.Error);
            if (rubric.Outcome == ScoreOutcome.Error)
            {
                Assert.Contains("HTTP 500", rubric.Reason, StringComparison.Ordinal);
            }
        }

        Assert.Equal(2, report.ErrorCount);
        Assert.Equal(2, report.Run.JudgeErrors);
        Assert.True(report.ErrorBudgetExceeded);
        Assert.False(report.PassesGates("base"));
        Assert.False(report.PassesGates("other"));
    }

    [Fact]
    public async Task CompareAsync_JudgeLinesFailAndRetriedLive_AskedLiveWithoutErrors()
    {
        await using var emulator = await BatchScenario.StartAsync(b => b.FailRequest = line => line.Contains("ANSWER_TO_RATE", StringComparison.Ordinal) && line.Contains("(case 2)", StringComparison.Ordinal));
        var options = WithJudges(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Batch));
        options.Batch.RetryFailedRequests = ComparisonExecutionMode.Live;

        var report = await BatchScenario.RunAsync(emulator, options, BatchScenario.Suite(10));

        Assert.Equal(0, report.ErrorCount);
        // Both emulator models answer case 2 alike, so the judge has one distinct failed request to ask again.
        Assert.Equal(1, emulator.Requests.Count("POST", "/v1/chat/completions"));
    }

    [Fact]
    public async Task CompareAsync_ModelsInBatchModeJudgeModelLive_JudgeAskedLive()
    {
        await using var emulator = await BatchScenario.StartAsync();
        var judge = Judge(emulator);
        var options = WithJudges(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Live), judge);
        var models = BatchScenario.Models(emulator).Select(m => new ModelUnderTest(m.Name, m.Client) { Execution = ComparisonExecutionMode.Batch, Pricing = m.Pricing }).ToList();
        models.Add(new ModelUnderTest("judge", judge) { Execution = ComparisonExecutionMode.Live });

        var report = await BatchScenario.RunAsync(emulator, options, BatchScenario.Suite(5), models);

        Assert.Equal(0, report.ErrorCount);
        Assert.Equal(1, emulator.Requests.Count("POST", "/v1/batches"));
        Assert.True(report.Run.JudgeCalls > 0);
    }

    [Fact]
    public async Task CompareAsync_JudgeInBatchModeWithoutAModelId_Throws()
    {
        await using var emulator = await BatchScenario.StartAsync();
        var options = WithJudges(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Batch), new AnonymousJudge());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new ModelComparer(options, emulator.Clock).CompareAsync(BatchScenario.Suite(2), BatchScenario.Models(emulator)));

        Assert.Contains("model id", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, emulator.Requests.Count("POST", "/v1/batches"));
    }

    private static IChatClient Judge(OpenAIEmulator emulator) => emulator.Dialect == EmulatorDialect.Together
        ? FineTuning.Toolkit.Providers.Together.TogetherChatClient.Create(BatchScenario.Connection(emulator), BatchScenario.TogetherBase)
        : emulator.CreateOpenAIClient().GetChatClient(BatchScenario.BaseModel).AsIChatClient();

    private static ModelComparerOptions WithJudges(OpenAIEmulator emulator, ModelComparerOptions options, IChatClient? judge = null)
    {
        judge ??= Judge(emulator);
        options.Scorers.Add(Scorer.RubricJudge(judge, passThreshold: 2));
        options.PairwiseJudge = new PairwiseJudge(judge);
        return options;
    }

    private static Dictionary<(string, string, int), double?> RubricValues(ComparisonReport report) =>
        report.Results.ToDictionary(r => (r.Model, r.CaseId, r.Repeat), r => r.Scores.Single(s => s.Criterion == Criteria.Rubric).Value);

    private static List<(string, int, string, string, PairwiseOutcome)> Verdicts(ComparisonReport report) =>
        [.. report.Pairwise.Select(p => (p.CaseId, p.Repeat, p.ModelA, p.ModelB, p.Outcome)).Order()];

    private sealed class AnonymousJudge : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "{\"score\": 3}")));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
