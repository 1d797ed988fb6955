using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Tests.Comparison.Batch;

/// <summary>The README's batch comparison example, run as written against an emulator whose clock runs 30× real time
/// (the comparer waits on that clock, so its polling and per-attempt timeouts are in simulated time too).</summary>
public sealed class BatchReadmeExampleTests
{
    [Fact]
    public async Task ReadmeExample_BatchComparison_RunsAndJournalsItsBatch()
    {
        var emulatorOptions = new OpenAIEmulatorOptions { SpeedFactor = 30, StartTime = TestWorld.Today };
        emulatorOptions.Batches.ValidationDuration = TimeSpan.FromSeconds(5);
        emulatorOptions.Batches.ProcessingDuration = TimeSpan.FromMinutes(1);
        emulatorOptions.Batches.FinalizingDuration = TimeSpan.FromSeconds(5);
        await using var emulator = await OpenAIEmulator.StartAsync(emulatorOptions);
        var suite = BatchScenario.Suite(30);
        var models = BatchScenario.Models(emulator);
        var outputDirectory = ComparisonTestFiles.TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var cancellationToken = timeout.Token;

        // Every model's requests go through the Batch API at half price; a restart with the same journal re-attaches.
        var options = new ModelComparerOptions { Execution = ComparisonExecutionMode.Batch };
        options.Batch.Connection = new FineTuneJobRunnerOptions { Endpoint = emulator.Endpoint, ApiKey = emulator.ApiKey };
        options.Batch.JournalPath = Path.Combine(outputDirectory, "batches.jsonl");
        options.Batch.RetryFailedRequests = ComparisonExecutionMode.Live;
        var comparer = new ModelComparer(options, emulator.Clock);
        ComparisonReport report = await comparer.CompareAsync(suite, models, cancellationToken: cancellationToken);

        Assert.Equal(60, report.Results.Count);
        Assert.Equal(0, report.ErrorCount);
        Assert.Contains("\"done\"", await File.ReadAllTextAsync(options.Batch.JournalPath, cancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, emulator.Requests.Count("POST", "/v1/chat/completions"));
    }
}
