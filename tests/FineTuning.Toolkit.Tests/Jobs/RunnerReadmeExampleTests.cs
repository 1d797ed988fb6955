using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>Runs the code of the README's runner section (readme-parts/runner.md), kept here verbatim so it compiles.</summary>
public sealed class RunnerReadmeExampleTests
{
    [Fact]
    public async Task Readme_RunnerSnippets_RunOnTheEmulator()
    {
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var clock = new SteppingTimeProvider(start) { HoldWhileHttpInFlight = true };
        _ = HttpRequestsInFlight.Count; // subscribe before the first request
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { TimeProvider = clock, SpeedFactor = 1, StartTime = start });
        var trainingPath = Path.Combine(Path.GetTempPath(), $"readme-runner-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(trainingPath, Enumerable.Range(0, 12).Select(i =>
            $$"""{"messages":[{"role":"system","content":"You are TechFlow's helpful support assistant."},{"role":"user","content":"How do I export report {{i}}?"},{"role":"assistant","content":"Happy to help! Open Reports, pick report {{i}}, and choose Export > CSV. Want me to walk you through scheduling it?"}]}"""));
        try
        {
            var output = await clock.DriveAsync(RunAsync(emulator.ApiKey, emulator.Endpoint, trainingPath, clock, CollectingLoggerProvider.GlobalFactory, CancellationToken.None));
            Assert.Contains("techflow-support", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(trainingPath);
        }
    }

    private static async Task<string> RunAsync(string apiKey, Uri endpoint, string trainingPath, TimeProvider timeProvider, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        // README snippet (readme-parts/runner.md) — begin
        var options = new FineTuneJobRunnerOptions
        {
            ApiKey = apiKey,        // null: read OPENAI_API_KEY
            Endpoint = endpoint,    // null: https://api.openai.com/v1; or Azure OpenAI's v1 endpoint, or the emulator
            CancelRemoteJobOnAbandon = false,
        };
        options.Resilience.MaxRetryAttempts = 8;
        var runner = new FineTuneJobRunner(options, timeProvider, loggerFactory);

        var request = FineTuneRequest.For("gpt-4o-mini-2024-07-18")
            .WithTrainingFile(trainingPath)
            .WithSuffix("techflow-support")
            .WithEpochs(3)
            .WithMetadata("team", "support");

        var progress = new Progress<FineTuneProgress>(p =>
            Console.WriteLine($"{p.Stage} {p.Status} step {p.Step}/{p.TotalSteps} loss {p.TrainLoss:0.000} ETA {p.EstimatedTimeRemaining}"));

        FineTuneResult result = await runner.RunAsync(request, progress, cancellationToken);
        if (result.Succeeded)
        {
            Console.WriteLine($"{result.FineTunedModel}: {result.TrainedTokens} tokens, about ${result.EstimatedCostUsd}");
            Console.WriteLine($"final train loss {result.Metrics[^1].TrainLoss}, {result.Checkpoints.Count} checkpoints");
        }
        else
        {
            Console.WriteLine($"{result.Status}: {result.Error}"); // the service's code, message and param, or validation_failed
        }
        // README snippet — end

        var jobId = result.JobId!;

        // README snippet (readme-parts/runner.md, watch and control) — begin
        await foreach (var update in runner.WatchAsync(jobId, cancellationToken))
        {
            foreach (var evt in update.NewEvents)
            {
                Console.WriteLine(evt.Message);
            }
        }

        FineTuneResult again = await runner.WaitForCompletionAsync(jobId, progress: null, cancellationToken); // re-attach after a restart
        await runner.CleanupAsync(again, deleteModel: true, cancellationToken); // delete the uploaded files and the model
        // README snippet — end

        return result.FineTunedModel ?? string.Empty;
    }
}
