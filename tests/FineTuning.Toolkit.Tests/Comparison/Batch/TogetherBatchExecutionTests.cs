using System.Text.Json.Nodes;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Tests.Testing;

namespace FineTuning.Toolkit.Tests.Comparison.Batch;

/// <summary>The batch execution mode of <see cref="ModelComparer"/> on Together AI's Batch API (the emulator's Together dialect).</summary>
public sealed class TogetherBatchExecutionTests
{
    private const string Batches = "/v1/batches";
    private const string Batch = "/v1/batches/{id}";

    [Fact]
    public async Task CompareAsync_TogetherBatchMode_SameAnswersAndScoresAsLiveModeThroughOneBatch()
    {
        await using var emulator = await BatchScenario.StartAsync(dialect: EmulatorDialect.Together);
        var suite = BatchScenario.Suite(150);

        var liveOptions = BatchScenario.Options(emulator, ComparisonExecutionMode.Live);
        var batchOptions = BatchScenario.Options(emulator, ComparisonExecutionMode.Batch);
        liveOptions.MaxOutputTokens = batchOptions.MaxOutputTokens = 60; // Together's max_tokens, live and in the batch lines alike

        var live = await BatchScenario.RunAsync(emulator, liveOptions, suite);
        var batch = await BatchScenario.RunAsync(emulator, batchOptions, suite);

        Assert.Equal(300, live.Results.Count);
        Assert.Contains(live.Results, r => r.Response.Length > 0);
        Assert.Equal(0, batch.ErrorCount);
        Assert.Equal(BatchScenario.Outcomes(live), BatchScenario.Outcomes(batch));
        Assert.Equal(live.Summaries.Select(s => (s.Model, s.Criterion, s.Passed, s.Failed)), batch.Summaries.Select(s => (s.Model, s.Criterion, s.Passed, s.Failed)));
        Assert.Equal(1, emulator.Requests.Count("POST", Batches, 201));
        Assert.Equal(300, emulator.Requests.Count("POST", "/v1/chat/completions"));
        var upload = Assert.Single(emulator.Requests.Entries, e => e.Method == "POST" && e.Route == "/v1/files/upload");
        Assert.Equal(200, upload.StatusCode);
        foreach (var usage in live.Usage)
        {
            Assert.Equal(usage.Cost / 2, batch.Usage.Single(u => u.Model == usage.Model).Cost);
        }
    }

    [Fact]
    public async Task CompareAsync_TogetherCreateResponseLostThenProcessRestarted_FindsTheBatchByItsInputFileInsteadOfCreatingAnother()
    {
        await using var emulator = await BatchScenario.StartAsync(dialect: EmulatorDialect.Together);
        var suite = BatchScenario.Suite(10);
        var journal = Path.Combine(ComparisonTestFiles.TempDirectory(), "batches.jsonl");
        var options = BatchScenario.Options(emulator, ComparisonExecutionMode.Batch, journal);
        options.Batch.Connection.Resilience.MaxRetryAttempts = 0;
        emulator.Faults.Enqueue("POST", Batches, EmulatorFault.LoseResponse());

        await Assert.ThrowsAnyAsync<Exception>(() => BatchScenario.RunAsync(emulator, options, suite));
        Assert.Equal(1, emulator.Requests.Count("POST", Batches));
        Assert.Contains("submitting", await File.ReadAllTextAsync(journal), StringComparison.Ordinal);

        var report = await BatchScenario.RunAsync(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Batch, journal), suite);

        Assert.Equal(1, emulator.Requests.Count("POST", Batches));
        Assert.Equal(1, emulator.Requests.Count("POST", "/v1/files/upload"));
        Assert.Equal(0, report.ErrorCount);
        Assert.Equal(20, report.Results.Count);
    }

    [Fact]
    public async Task CompareAsync_TogetherCreateResponseLostWithRetries_OneBatch()
    {
        await using var emulator = await BatchScenario.StartAsync(dialect: EmulatorDialect.Together);
        var options = BatchScenario.Options(emulator, ComparisonExecutionMode.Batch);
        options.Batch.Connection.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        options.Batch.Connection.Resilience.UseJitter = false;
        emulator.Faults.Enqueue("POST", Batches, EmulatorFault.LoseResponse()).Enqueue("POST", "/v1/files/upload", EmulatorFault.LoseResponse());

        var report = await BatchScenario.RunAsync(emulator, options, BatchScenario.Suite(10));

        Assert.Equal(0, report.ErrorCount);
        Assert.Equal(1, emulator.Requests.Count("POST", Batches));
        Assert.Equal(1, emulator.Requests.Count("POST", "/v1/files/upload"));
        Assert.Single(await ListAsync(emulator));
    }

    [Fact]
    public async Task CompareAsync_TogetherAbandonedMidWatchThenRestarted_ReattachesByTheJournaledId()
    {
        await using var emulator = await BatchScenario.StartAsync(dialect: EmulatorDialect.Together);
        var suite = BatchScenario.Suite(30);
        var journal = Path.Combine(ComparisonTestFiles.TempDirectory(), "batches.jsonl");
        using (var abandon = new CancellationTokenSource())
        {
            var first = new ModelComparer(BatchScenario.Options(emulator, ComparisonExecutionMode.Batch, journal), emulator.Clock)
                .CompareAsync(suite, BatchScenario.Models(emulator), cancellationToken: abandon.Token);
            await BatchScenario.PumpUntilAsync(emulator, () => emulator.Requests.Count("GET", Batch) >= 2 || first.IsCompleted);
            Assert.False(first.IsCompleted);
            abandon.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        }

        Assert.Equal("IN_PROGRESS", (await ListAsync(emulator)).Single()!["status"]!.GetValue<string>());

        var report = await BatchScenario.RunAsync(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Batch, journal), suite);

        Assert.Equal(1, emulator.Requests.Count("POST", Batches));
        Assert.Equal(0, report.ErrorCount);
        Assert.Equal(60, report.Results.Count);
    }

    [Fact]
    public async Task CompareAsync_TogetherAbandonedWithCancelBatchesOnAbandon_CancelsItsBatch()
    {
        await using var emulator = await BatchScenario.StartAsync(dialect: EmulatorDialect.Together);
        var options = BatchScenario.Options(emulator, ComparisonExecutionMode.Batch);
        options.Batch.CancelBatchesOnAbandon = true;
        using var abandon = new CancellationTokenSource();

        var run = new ModelComparer(options, emulator.Clock).CompareAsync(BatchScenario.Suite(10), BatchScenario.Models(emulator), cancellationToken: abandon.Token);
        await BatchScenario.PumpUntilAsync(emulator, () => emulator.Requests.Count("GET", Batch) >= 1 || run.IsCompleted);
        abandon.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, emulator.Requests.Count("POST", Batch + "/cancel", 200));
        Assert.Equal("CANCELLED", (await ListAsync(emulator)).Single()!["status"]!.GetValue<string>());
    }

    private static async Task<JsonArray> ListAsync(OpenAIEmulator emulator)
    {
        using var http = new EmulatorHttp(emulator);
        return (await http.GetAsync(Batches)).Body.AsArray();
    }
}
