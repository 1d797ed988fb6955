using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Tests.Comparison.Batch;

/// <summary>A comparison abandoned while its batches run, and a second process started with the same journal.</summary>
public sealed class BatchReattachTests
{
    [Fact]
    public async Task CompareAsync_AbandonedMidWatchThenRestartedWithTheSameJournal_ReattachesWithoutASecondBatch()
    {
        await using var emulator = await BatchScenario.StartAsync();
        var suite = BatchScenario.Suite(60);
        var journal = Path.Combine(ComparisonTestFiles.TempDirectory(), "batches.jsonl");
        var options = BatchScenario.Options(emulator, ComparisonExecutionMode.Batch, journal);
        options.Batch.MaxRequestsPerBatch = 50;

        using (var abandon = new CancellationTokenSource())
        {
            var first = new ModelComparer(options, emulator.Clock).CompareAsync(suite, BatchScenario.Models(emulator), cancellationToken: abandon.Token);
            // Let the first process create both batches and poll them at least once, then "kill" it.
            await BatchScenario.PumpUntilAsync(emulator, () => (emulator.Requests.Count("POST", "/v1/batches", 200) == 3 && emulator.Requests.Count("GET", "/v1/batches/{batch_id}") >= 3) || first.IsCompleted);
            Assert.False(first.IsCompleted);
            abandon.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        }

        Assert.Equal(3, emulator.Requests.Count("POST", "/v1/batches"));
        var inProgress = await ListStatusesAsync(emulator);
        Assert.DoesNotContain("completed", inProgress);

        var restarted = BatchScenario.Options(emulator, ComparisonExecutionMode.Batch, journal);
        restarted.Batch.MaxRequestsPerBatch = 50;
        var report = await BatchScenario.RunAsync(emulator, restarted, suite);

        Assert.Equal(3, emulator.Requests.Count("POST", "/v1/batches"));
        Assert.Equal(0, report.ErrorCount);
        Assert.Equal(120, report.Results.Count);
        var live = await BatchScenario.RunAsync(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Live), suite);
        Assert.Equal(BatchScenario.Outcomes(live), BatchScenario.Outcomes(report));
    }

    [Fact]
    public async Task CompareAsync_CreateResponseLostThenProcessRestarted_FindsTheBatchByItsTagInsteadOfCreatingAnother()
    {
        await using var emulator = await BatchScenario.StartAsync();
        var suite = BatchScenario.Suite(10);
        var journal = Path.Combine(ComparisonTestFiles.TempDirectory(), "batches.jsonl");
        var options = BatchScenario.Options(emulator, ComparisonExecutionMode.Batch, journal);
        options.Batch.Connection.Resilience.MaxRetryAttempts = 0;
        emulator.Faults.Enqueue("POST", "/v1/batches", EmulatorFault.LoseResponse());

        await Assert.ThrowsAnyAsync<Exception>(() => BatchScenario.RunAsync(emulator, options, suite));
        Assert.Equal(1, emulator.Requests.Count("POST", "/v1/batches"));
        Assert.Contains("submitting", await File.ReadAllTextAsync(journal), StringComparison.Ordinal);

        var report = await BatchScenario.RunAsync(emulator, BatchScenario.Options(emulator, ComparisonExecutionMode.Batch, journal), suite);

        Assert.Equal(1, emulator.Requests.Count("POST", "/v1/batches"));
        Assert.Equal(1, emulator.Requests.Count("POST", "/v1/files"));
        Assert.Equal(0, report.ErrorCount);
    }

    [Fact]
    public async Task CompareAsync_CreateResponseLostWithRetries_OneBatch()
    {
        await using var emulator = await BatchScenario.StartAsync();
        var options = BatchScenario.Options(emulator, ComparisonExecutionMode.Batch);
        options.Batch.Connection.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        options.Batch.Connection.Resilience.UseJitter = false;
        emulator.Faults.Enqueue("POST", "/v1/batches", EmulatorFault.LoseResponse());

        var report = await BatchScenario.RunAsync(emulator, options, BatchScenario.Suite(10));

        Assert.Equal(0, report.ErrorCount);
        Assert.Equal(1, emulator.Requests.Count("POST", "/v1/batches"));
    }

    [Fact]
    public async Task CompareAsync_AbandonedWithCancelBatchesOnAbandon_CancelsItsBatches()
    {
        await using var emulator = await BatchScenario.StartAsync();
        var options = BatchScenario.Options(emulator, ComparisonExecutionMode.Batch);
        options.Batch.CancelBatchesOnAbandon = true;
        using var abandon = new CancellationTokenSource();

        var run = new ModelComparer(options, emulator.Clock).CompareAsync(BatchScenario.Suite(10), BatchScenario.Models(emulator), cancellationToken: abandon.Token);
        await BatchScenario.PumpUntilAsync(emulator, () => emulator.Requests.Count("GET", "/v1/batches/{batch_id}") >= 1 || run.IsCompleted);
        abandon.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Equal(1, emulator.Requests.Count("POST", "/v1/batches/{batch_id}/cancel", 200));
    }

    [Fact]
    public async Task CompareAsync_JournalNamesABatchTheServiceDoesNotKnow_SubmitsTheFileAgain()
    {
        var journal = Path.Combine(ComparisonTestFiles.TempDirectory(), "batches.jsonl");
        var suite = BatchScenario.Suite(10);
        await using (var first = await BatchScenario.StartAsync())
        {
            await BatchScenario.RunAsync(first, BatchScenario.Options(first, ComparisonExecutionMode.Batch, journal), suite);
        }

        await using var second = await BatchScenario.StartAsync();
        var report = await BatchScenario.RunAsync(second, BatchScenario.Options(second, ComparisonExecutionMode.Batch, journal), suite);

        Assert.Equal(0, report.ErrorCount);
        Assert.Equal(1, second.Requests.Count("POST", "/v1/batches"));
    }

    private static async Task<List<string>> ListStatusesAsync(OpenAIEmulator emulator)
    {
        using var http = new FineTuning.Toolkit.Tests.Testing.EmulatorHttp(emulator);
        var list = await http.GetAsync("/v1/batches");
        return list.Body["data"]!.AsArray().Select(b => b!["status"]!.GetValue<string>()).ToList();
    }
}
