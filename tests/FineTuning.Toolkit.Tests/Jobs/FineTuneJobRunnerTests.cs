using System.Text.Json;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class FineTuneJobRunnerTests
{
    [Fact]
    public async Task RunAsync_LabFlow_ReturnsFineTunedModelMetricsCheckpointsAndCost()
    {
        using var context = new RunnerTestContext();
        var path = context.WriteTrainingFile();
        var reports = new List<FineTuneProgress>();
        var request = FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path).WithSuffix("techflow-support").WithEpochs(3);

        var result = await context.DriveAsync(context.Runner.RunAsync(request, new SyncProgress<FineTuneProgress>(reports.Add)));

        Assert.True(result.Succeeded, result.ToString());
        Assert.StartsWith("ft:gpt-4o-mini-2024-07-18:fake-org:techflow-support:", result.FineTunedModel, StringComparison.Ordinal);
        Assert.Null(result.Error);
        Assert.Equal(12_345, result.TrainedTokens);
        Assert.Equal(Math.Round(12_345 * 3.00m / 1_000_000m, 4), result.EstimatedCostUsd);
        Assert.Equal(30, result.Metrics.Count);
        Assert.Equal(2, result.Checkpoints.Count);
        Assert.Equal(TimeSpan.FromSeconds(320), result.JobDuration);
        var sent = JsonDocument.Parse(context.Server.Requests.Single(r => r.Method == "POST" && r.Path == "fine_tuning/jobs").Body).RootElement;
        Assert.Equal("techflow-support", sent.GetProperty("suffix").GetString());
        Assert.Equal(3, sent.GetProperty("method").GetProperty("supervised").GetProperty("hyperparameters").GetProperty("n_epochs").GetInt32());
        Assert.Contains(reports, r => r.Stage == FineTuneStage.Uploading);
        Assert.Contains(reports, r => r.Stage == FineTuneStage.Training && r.Step is > 0 && r.TrainLoss is > 0 && r.EstimatedTimeRemaining is not null);
        Assert.Equal(FineTuneStage.Completed, reports[^1].Stage);
    }

    [Fact]
    public async Task RunAsync_CompletionNoticed_WithinTwoSecondsOfFinishAndFewerPollsThanNaiveLoop()
    {
        using var context = new RunnerTestContext();
        context.Server.TrainingDuration = TimeSpan.FromMinutes(20);
        var path = context.WriteTrainingFile();
        var run = context.Runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path));

        var result = await context.DriveAsync(run);

        var job = context.Server.Jobs.Single();
        var lastPoll = context.Server.Requests.Last(r => r.Path == $"fine_tuning/jobs/{job.Id}");
        Assert.True(result.Succeeded);
        Assert.InRange(lastPoll.At - job.Finish, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        var apiRequests = context.Server.Requests.Count(r => r.Path.StartsWith("fine_tuning/jobs/" + job.Id, StringComparison.Ordinal));
        var naive = (int)Math.Ceiling((job.Finish - job.TrainingStart + TimeSpan.FromSeconds(20)) / TimeSpan.FromSeconds(30)) + 1;
        Assert.True(apiRequests <= naive, $"{apiRequests} job requests, naive loop {naive}");
    }

    [Fact]
    public async Task RunAsync_SameFileTwice_ReusesTheJobAndDiscardsTheSecondUpload()
    {
        using var context = new RunnerTestContext();
        var path = context.WriteTrainingFile();
        var request = FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path).WithSuffix("s");

        var first = await context.DriveAsync(context.Runner.RunAsync(request));
        var second = await context.DriveAsync(context.Runner.RunAsync(request));
        var third = await context.DriveAsync(context.Runner.RunAsync(request.WithSeed(9)));

        Assert.Equal(3, context.Server.Count("POST", "files"));
        Assert.True(second.ReusedTrainingFile);
        Assert.True(second.ReusedJob);
        Assert.Equal(first.JobId, second.JobId);
        Assert.Equal(first.TrainingFileId, second.TrainingFileId);
        Assert.NotEqual(first.JobId, third.JobId);
        Assert.False(third.ReusedJob);
        Assert.Equal(2, context.Server.Jobs.Count);
        Assert.Equal(2, context.Server.FileCount); // the second run's upload was deleted
    }

    [Fact]
    public async Task RunAsync_CreateResponseLost_FindsTheJobInsteadOfCreatingAnother()
    {
        using var context = new RunnerTestContext();
        var lost = 0;
        context.Server.AfterHandled = (request, path, response) =>
            request.Method == HttpMethod.Post && path == "fine_tuning/jobs" && Interlocked.Increment(ref lost) == 1
                ? throw new HttpRequestException("The connection was reset after the server accepted the request.")
                : response;
        var path = context.WriteTrainingFile();

        var result = await context.DriveAsync(context.Runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path)));

        Assert.True(result.Succeeded);
        var job = Assert.Single(context.Server.Jobs);
        Assert.Equal(job.Id, result.JobId);
        Assert.Equal(1, context.Server.Count("POST", "fine_tuning/jobs"));
    }

    [Fact]
    public async Task RunAsync_DailyRateLimitExceeded_FailsFastWithThatReason()
    {
        using var context = new RunnerTestContext();
        context.Server.Intercept = (request, path) => request.Method == HttpMethod.Post && path == "fine_tuning/jobs"
            ? FakeOpenAIServer.Error(429, "daily_rate_limit_exceeded", "Daily rate limit exceeded for fine-tuning jobs.", ("retry-after", "3600"))
            : null;
        var path = context.WriteTrainingFile();
        var started = context.Time.GetUtcNow();

        var error = await Assert.ThrowsAsync<FineTuneApiException>(() => context.DriveAsync(
            context.Runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path))));

        Assert.Equal("daily_rate_limit_exceeded", error.ErrorCode);
        Assert.Equal(429, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains("daily_rate_limit_exceeded", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, context.Server.Count("POST", "fine_tuning/jobs"));
        Assert.Equal(started, context.Time.GetUtcNow());
    }

    [Fact]
    public async Task RunAsync_JobFails_ReturnsCodeMessageAndParam()
    {
        using var context = new RunnerTestContext();
        context.Server.FailWith = ("invalid_training_file", "The training file has 3 examples; at least 10 are required.", "training_file");
        var path = context.WriteTrainingFile();

        var result = await context.DriveAsync(context.Runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path)));

        Assert.False(result.Succeeded);
        Assert.Equal(FineTuneJobStatus.Failed, result.Status);
        Assert.Equal("invalid_training_file", result.Error!.Code);
        Assert.Equal("The training file has 3 examples; at least 10 are required.", result.Error.Message);
        Assert.Equal("training_file", result.Error.Param);
        Assert.Null(result.FineTunedModel);
    }

    [Fact]
    public async Task RunAsync_TrainingFileId_SkipsUpload()
    {
        using var context = new RunnerTestContext();
        var fileId = await context.Runner.UploadFileAsync(context.WriteTrainingFile());
        var listsBefore = context.Server.Count("GET", "files?");

        var result = await context.DriveAsync(context.Runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFileId(fileId)));

        Assert.True(result.Succeeded);
        Assert.Equal(1, context.Server.Count("POST", "files"));
        Assert.Equal(listsBefore, context.Server.Count("GET", "files?"));
        Assert.Equal(fileId, result.TrainingFileId);
    }

    [Fact]
    public async Task RunAsync_AbandonedWithCancelRemoteJob_CancelsTheJob()
    {
        using var context = new RunnerTestContext(o => o.CancelRemoteJobOnAbandon = true);
        var path = context.WriteTrainingFile();
        using var cts = new CancellationTokenSource();
        var jobSeen = new TaskCompletionSource<string>();
        var run = context.Runner.RunAsync(
            FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path),
            new SyncProgress<FineTuneProgress>(p => { if (p.JobId is { } id) { jobSeen.TrySetResult(id); } }),
            cts.Token);
        await context.DriveAsync(jobSeen.Task);

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.Equal("cancelled", context.Server.Jobs.Single().Status(context.Time.GetUtcNow()));
    }

    [Fact]
    public async Task WaitForCompletionAsync_AfterAbandonedRun_ReattachesToTheSameJob()
    {
        using var context = new RunnerTestContext();
        var path = context.WriteTrainingFile();
        using var cts = new CancellationTokenSource();
        var jobSeen = new TaskCompletionSource<string>();
        var run = context.Runner.RunAsync(
            FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path),
            new SyncProgress<FineTuneProgress>(p => { if (p.JobId is { } id) { jobSeen.TrySetResult(id); } }),
            cts.Token);
        var jobId = await context.DriveAsync(jobSeen.Task);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var restarted = new FineTuneJobRunner(context.Options, context.Time);
        var result = await context.DriveAsync(restarted.WaitForCompletionAsync(jobId));

        Assert.True(result.Succeeded);
        Assert.Equal(jobId, result.JobId);
        Assert.Single(context.Server.Jobs);
    }

    [Fact]
    public async Task WatchAsync_YieldsEachEventOnceAndPagesBackOnlyToTheLastSeenEvent()
    {
        using var context = new RunnerTestContext(o => o.Polling.EventsPageSize = 5);
        var path = context.WriteTrainingFile();
        var jobId = await context.DriveAsync(StartJobAsync(context, path));
        var updates = new List<FineTuneProgress>();

        await context.DriveAsync(CollectAsync(context.Runner.WatchAsync(jobId), updates));

        var events = updates.SelectMany(u => u.NewEvents).ToList();
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.Equal(events.OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => e.Id), events.Select(e => e.Id));
        Assert.Contains(events, e => e.Message.Contains("successfully completed", StringComparison.Ordinal));
        Assert.True(updates[^1].Job!.Status.IsTerminal);
        Assert.Equal(FineTuneStage.Training, updates[0].Stage);
        var eventRequests = context.Server.Requests.Where(r => r.Path.Contains("/events", StringComparison.Ordinal)).ToList();
        Assert.Contains(eventRequests, r => r.Path.Contains("after=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PauseAndResume_StatusesUnknownToTheSdk_AreReported()
    {
        using var context = new RunnerTestContext();
        var path = context.WriteTrainingFile();
        var jobId = await context.DriveAsync(StartJobAsync(context, path));
        context.Time.Advance(TimeSpan.FromSeconds(30));

        var pausing = await context.Runner.PauseAsync(jobId);
        context.Time.Advance(TimeSpan.FromSeconds(10));
        var paused = await context.Runner.GetJobAsync(jobId);
        var resumed = await context.Runner.ResumeAsync(jobId);

        Assert.Equal(FineTuneJobStatus.Pausing, pausing.Status);
        Assert.Equal(FineTuneJobStatus.Paused, paused.Status);
        Assert.Equal(FineTuneJobStatus.Running, resumed.Status);
    }

    [Fact]
    public async Task ListJobsAndCleanup_DeleteFilesAndModel()
    {
        using var context = new RunnerTestContext();
        var path = context.WriteTrainingFile();
        var result = await context.DriveAsync(context.Runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path).WithMetadata("team", "support")));

        var listed = new List<FineTuneJob>();
        await foreach (var job in context.Runner.ListJobsAsync(new Dictionary<string, string> { ["team"] = "support" }))
        {
            listed.Add(job);
        }

        var deleted = await context.Runner.CleanupAsync(result);

        Assert.Equal(result.JobId, Assert.Single(listed).Id);
        Assert.Contains(result.TrainingFileId!, deleted);
        Assert.Contains(result.FineTunedModel!, deleted);
        Assert.Equal(0, context.Server.FileCount);
        Assert.DoesNotContain(result.TrainingFileId!, await context.Runner.CleanupAsync(result, deleteModel: false));
    }

    [Fact]
    public async Task RunAsync_DataWithErrors_RefusesWithoutUploadingAndShowsTheReport()
    {
        using var context = new RunnerTestContext();
        var path = context.WriteTrainingFile(examples: 3);

        var result = await context.DriveAsync(context.Runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path)));

        Assert.False(result.Succeeded);
        Assert.Null(result.JobId);
        Assert.Equal(FineTuneResult.ValidationFailedCode, result.Error!.Code);
        Assert.Contains("too_few_examples", result.Error.Message, StringComparison.Ordinal);
        Assert.False(result.ValidationReport!.IsValid);
        Assert.Empty(context.Server.Requests);
    }

    [Fact]
    public async Task RunAsync_DataWithErrorsIgnored_UploadsAndKeepsTheReport()
    {
        using var context = new RunnerTestContext();
        var path = context.WriteTrainingFile(examples: 3);

        var result = await context.DriveAsync(context.Runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path).IgnoreValidationErrors()));

        Assert.True(result.Succeeded);
        Assert.False(result.ValidationReport!.IsValid);
        Assert.Equal(1, context.Server.Count("POST", "files"));
    }

    [Fact]
    public async Task RunAsync_Datasets_ValidatedWrittenAndUploadedWithTheHashInTheName()
    {
        using var context = new RunnerTestContext();
        var builder = DatasetBuilder.Create().WithSystemPrompt("You are TechFlow's helpful support assistant.");
        for (var i = 0; i < 16; i++)
        {
            builder.AddExample("account", $"How do I change setting {i}?", $"Happy to help with setting {i}! Open Settings, pick the option, and save. Anything else I can do for you today?");
        }

        var (train, validation) = builder.Build().Split(0.25, seed: 1);
        var request = FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingData(train).WithHeldOutData(validation).WithSuffix("ds");

        var result = await context.DriveAsync(context.Runner.RunAsync(request));

        Assert.True(result.Succeeded, result.ToString());
        Assert.True(result.ValidationReport!.IsValid);
        Assert.NotNull(result.HeldOutFileId);
        var uploads = context.Server.Requests.Where(r => r.Method == "POST" && r.Path == "files").ToList();
        Assert.Equal(2, uploads.Count);
        Assert.All(uploads, u => Assert.Matches("filename=\"?(training|held-out)\\.upload-[0-9a-f]{16}\\.jsonl", u.Body));
    }

    [Fact]
    public async Task Arguments_Null_Throw()
    {
        using var context = new RunnerTestContext();
        var runner = context.Runner;
        await Assert.ThrowsAsync<ArgumentNullException>("request", () => runner.RunAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>("jobId", () => runner.WaitForCompletionAsync(null!));
        Assert.Throws<ArgumentNullException>("jobId", () => runner.WatchAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>("jobId", () => runner.GetJobAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>("jobId", () => runner.CancelAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>("jobId", () => runner.PauseAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>("jobId", () => runner.ResumeAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>("path", () => runner.UploadFileAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>("result", () => runner.CleanupAsync(null!));
    }

    [SkippableFact]
    public void Constructor_NoApiKeyAnywhere_ThrowsClearMessage()
    {
        Skip.If(Environment.GetEnvironmentVariable("OPENAI_API_KEY") is { Length: > 0 }, "OPENAI_API_KEY is set in this environment.");
        var error = Assert.Throws<InvalidOperationException>(() => new FineTuneJobRunner(new FineTuneJobRunnerOptions(), new FakeTimeProvider()));
        Assert.Contains("OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
    }

    internal static async Task<string> StartJobAsync(RunnerTestContext context, string path)
    {
        var fileId = await context.Runner.UploadFileAsync(path);
        var request = FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFileId(fileId);
        var training = new UploadedFile(fileId, Reused: true);
        var job = await context.Runner.Jobs.CreateAsync(request, training, null, JobApi.KeyFor(request, training, null), trainingType: null, CancellationToken.None);
        return job.Id;
    }

    private static async Task<int> CollectAsync(IAsyncEnumerable<FineTuneProgress> updates, List<FineTuneProgress> into)
    {
        await foreach (var update in updates)
        {
            into.Add(update);
        }

        return into.Count;
    }
}
