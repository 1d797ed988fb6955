using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Tests.Comparison.Batch;

/// <summary>The batch execution mode of <see cref="ModelComparer"/> end to end against the emulator's Batch API.</summary>
public sealed class BatchExecutionEmulatorTests
{
    [Fact]
    public async Task CompareAsync_200CasesInBatchMode_SameAnswersAndScoresAsLiveMode()
    {
        await using var emulator = await BatchScenario.StartAsync();
        var suite = BatchScenario.Suite(200);

        var live = await BatchScenario.RunAsync(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Live), suite);
        var batch = await BatchScenario.RunAsync(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Batch), suite);

        Assert.Equal(400, live.Results.Count);
        Assert.Equal(0, batch.ErrorCount);
        Assert.Equal(BatchScenario.Outcomes(live), BatchScenario.Outcomes(batch));
        Assert.Equal(live.Summaries.Select(s => (s.Model, s.Criterion, s.Passed, s.Failed)), batch.Summaries.Select(s => (s.Model, s.Criterion, s.Passed, s.Failed)));
        Assert.Equal(1, emulator.Requests.Count("POST", "/v1/batches"));
        Assert.Equal(400, emulator.Requests.Count("POST", "/v1/chat/completions"));
    }

    [Fact]
    public async Task CompareAsync_BatchMode_CostAtHalfTheLivePrice()
    {
        await using var emulator = await BatchScenario.StartAsync();
        var suite = BatchScenario.Suite(20);

        var live = await BatchScenario.RunAsync(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Live), suite);
        var batch = await BatchScenario.RunAsync(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Batch), suite);

        foreach (var usage in live.Usage)
        {
            var batched = batch.Usage.Single(u => u.Model == usage.Model);
            Assert.Equal(usage.InputTokens, batched.InputTokens);
            Assert.Equal(usage.OutputTokens, batched.OutputTokens);
            Assert.True(usage.Cost > 0);
            Assert.Equal(usage.Cost / 2, batched.Cost);
        }
    }

    [Fact]
    public async Task CompareAsync_SuiteAboveRequestLimit_SplitIntoSeveralBatchesWithTheSameScores()
    {
        await using var emulator = await BatchScenario.StartAsync(b => b.MaxRequests = 25);
        var suite = BatchScenario.Suite(40);
        var options = BatchScenario.Options(emulator, ComparisonExecutionMode.Batch);
        options.Batch.MaxRequestsPerBatch = 25;
        options.Batch.MaxBatchesInFlight = 2;

        var batch = await BatchScenario.RunAsync(emulator, options, suite);
        var live = await BatchScenario.RunAsync(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Live), suite);

        Assert.Equal(4, emulator.Requests.Count("POST", "/v1/batches"));
        Assert.Equal(0, batch.ErrorCount);
        Assert.Equal(BatchScenario.Outcomes(live), BatchScenario.Outcomes(batch));
    }

    [Fact]
    public async Task CompareAsync_OneModelInBatchModeOneLive_OnlyThatModelGoesThroughTheBatch()
    {
        await using var emulator = await BatchScenario.StartAsync();
        var suite = BatchScenario.Suite(10);
        var models = BatchScenario.Models(emulator);
        models = [models[0], new ModelUnderTest(models[1].Name, models[1].Client) { Execution = ComparisonExecutionMode.Batch }];

        var report = await BatchScenario.RunAsync(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Live), suite, models);

        Assert.Equal(0, report.ErrorCount);
        Assert.Equal(10, emulator.Requests.Count("POST", "/v1/chat/completions"));
        var input = emulator.Requests.Entries.Single(r => r.Method == "POST" && r.Route == "/v1/batches");
        Assert.Contains("\"input_file_id\"", input.RequestBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EmulatorDialect.OpenAI)]
    [InlineData(EmulatorDialect.Together)]
    public async Task CompareAsync_FailedLines_ErrorsOfThoseCasesAndGatesFollowTheErrorBudget(EmulatorDialect dialect)
    {
        await using var emulator = await BatchScenario.StartAsync(b => b.FailRequest = line => line.Contains("Ticket", StringComparison.Ordinal), dialect);
        var suite = BatchScenario.Suite(50);
        var failing = suite.Cases.Where(c => c.Messages[^1].Text.Contains("Ticket", StringComparison.Ordinal)).Select(c => c.Id).ToHashSet();

        var report = await BatchScenario.RunAsync(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Batch), suite);

        Assert.Equal(10, failing.Count);
        foreach (var result in report.Results)
        {
            Assert.Equal(failing.Contains(result.CaseId), result.Error is not null);
            if (result.Error is not null)
            {
                Assert.Contains("HTTP 500", result.Error, StringComparison.Ordinal);
                Assert.All(result.Scores, s => Assert.Equal(ScoreOutcome.Error, s.Outcome));
            }
        }

        Assert.True(report.ErrorBudgetExceeded);
        Assert.False(report.PassesGates("base"));
        Assert.Contains(report.Gates, g => !g.Passed && g.Model == "base" && g.Gate.Contains("rror", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompareAsync_FailedLinesWithinTheBudget_ErrorsCountedAndBudgetHolds()
    {
        await using var emulator = await BatchScenario.StartAsync(b => b.FailRequest = line => line.Contains("case 2)", StringComparison.Ordinal));
        var options = BatchScenario.Options(emulator, ComparisonExecutionMode.Batch);
        options.ErrorBudget = 0.2;

        var report = await BatchScenario.RunAsync(emulator, options, BatchScenario.Suite(50));

        Assert.Equal(2, report.Results.Count(r => r.Error is not null));
        Assert.True(report.ErrorCount > 0);
        Assert.False(report.ErrorBudgetExceeded);
    }

    [Theory]
    [InlineData(EmulatorDialect.OpenAI)]
    [InlineData(EmulatorDialect.Together)]
    public async Task CompareAsync_BatchExpiresHalfway_UnfinishedRequestsAreErrorsOfTheirCases(EmulatorDialect dialect)
    {
        await using var emulator = await BatchScenario.StartAsync(
            b =>
            {
                b.ValidationDuration = TimeSpan.Zero;
                b.ProcessingDuration = TimeSpan.FromHours(48);
                b.CompletionWindow = TimeSpan.FromHours(24);
            },
            dialect);

        var report = await BatchScenario.RunAsync(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Batch), BatchScenario.Suite(30));

        var expired = report.Results.Where(r => r.Error is not null).ToList();
        Assert.Equal(30, expired.Count);
        Assert.All(expired, r => Assert.Contains("batch_expired", r.Error, StringComparison.Ordinal));
        Assert.Equal(30, report.Results.Count(r => r.Error is null));
        Assert.True(report.ErrorBudgetExceeded);
    }

    [Fact]
    public async Task CompareAsync_FailedLinesRetriedLive_NoErrors()
    {
        await using var emulator = await BatchScenario.StartAsync(b => b.FailRequest = line => line.Contains("Ticket", StringComparison.Ordinal));
        var options = BatchScenario.Options(emulator, ComparisonExecutionMode.Batch);
        options.Batch.RetryFailedRequests = ComparisonExecutionMode.Live;

        var report = await BatchScenario.RunAsync(emulator, options, BatchScenario.Suite(20));

        Assert.Equal(0, report.ErrorCount);
        Assert.Equal(8, emulator.Requests.Count("POST", "/v1/chat/completions"));
    }

    [Fact]
    public async Task CompareAsync_FailedLinesRetriedInAFollowUpBatch_OnlyThoseLinesResentAndNoErrors()
    {
        var seen = new HashSet<string>();
        await using var emulator = await BatchScenario.StartAsync(b => b.FailRequest = line =>
        {
            lock (seen)
            {
                return line.Contains("Ticket", StringComparison.Ordinal) && seen.Add(line);
            }
        });
        var options = BatchScenario.Options(emulator, ComparisonExecutionMode.Batch);
        options.Batch.RetryFailedRequests = ComparisonExecutionMode.Batch;

        var report = await BatchScenario.RunAsync(emulator, options, BatchScenario.Suite(20));

        Assert.Equal(0, report.ErrorCount);
        Assert.Equal(2, emulator.Requests.Count("POST", "/v1/batches"));
        Assert.Equal(8, seen.Count);
        Assert.Equal(0, emulator.Requests.Count("POST", "/v1/chat/completions"));
    }

    [Fact]
    public async Task CompareAsync_BatchMode_ReportsRequestCountsOfTheBatchesUntilAllAreDone()
    {
        await using var emulator = await BatchScenario.StartAsync();
        var options = BatchScenario.Options(emulator, ComparisonExecutionMode.Batch);
        options.Batch.MaxRequestsPerBatch = 15;
        var progress = new CollectingProgress();

        var comparer = new ModelComparer(options, emulator.Clock);
        var run = comparer.CompareAsync(BatchScenario.Suite(15), BatchScenario.Models(emulator), progress);
        await BatchScenario.PumpUntilAsync(emulator, () => run.IsCompleted);
        await run;

        var batch = progress.Reports.Where(p => p.Model == "batch").ToList();
        Assert.All(batch, p => Assert.Equal(30, p.Total));
        Assert.Contains(batch, p => p.Completed > 0 && p.Completed < 30);
        Assert.Equal(30, batch[^1].Completed);
        Assert.Equal(2, batch.Select(p => p.CaseId).Distinct().Count());
        Assert.True(batch.Zip(batch.Skip(1)).All(pair => pair.Second.Completed >= pair.First.Completed));
    }

    [Fact]
    public async Task CompareAsync_TransientFailuresOfTheBatchApi_RetriedWithoutASecondBatch()
    {
        await using var emulator = await BatchScenario.StartAsync();
        emulator.Faults
            .Enqueue("GET", "/v1/files", EmulatorFault.InternalServerError())
            .Enqueue("POST", "/v1/files", EmulatorFault.ServiceUnavailable())
            .Enqueue("POST", "/v1/batches", EmulatorFault.InternalServerError())
            .Enqueue("GET", "/v1/batches/{batch_id}", EmulatorFault.RateLimit(TimeSpan.FromSeconds(5)))
            .Enqueue("GET", "/v1/files/{file_id}/content", EmulatorFault.InternalServerError());

        var report = await BatchScenario.RunAsync(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Batch), BatchScenario.Suite(10));

        Assert.Equal(0, report.ErrorCount);
        Assert.Equal(0, emulator.Faults.PendingCount);
        Assert.Equal(1, emulator.Requests.Count("POST", "/v1/batches", 200));
        Assert.Equal(1, emulator.Requests.Count("POST", "/v1/files", 200));
    }
}
