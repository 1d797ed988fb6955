using System.ClientModel;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Tests.Contracts;
using FineTuning.Toolkit.Validation;
using OpenAI;
using OpenAI.Files;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>
/// The runner against the real emulator over loopback HTTP. The emulator's clock and the runner's clock are the same
/// fake clock, which moves only when the runner sleeps: a twenty-minute job takes well under a second of real time.
/// </summary>
public sealed class EmulatorRunnerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_LabFlowOnTheEmulator_ReturnsTheFineTunedModel()
    {
        await using var lab = await Lab.StartAsync();
        var path = lab.WriteTrainingFile(12);
        var report = await new DatasetValidator().ValidateFileAsync(path, new ValidationOptions { Model = "gpt-4o-mini-2024-07-18", Epochs = 3 });
        var request = FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path).WithValidationReport(report).WithSuffix("techflow-support").WithEpochs(3);
        var progress = new List<FineTuneProgress>();

        var result = await lab.Time.DriveAsync(lab.Runner.RunAsync(request, new SyncProgress<FineTuneProgress>(progress.Add)));

        Assert.True(result.Succeeded, result.ToString());
        Assert.Same(report, result.ValidationReport);
        Assert.StartsWith("ft:gpt-4o-mini-2024-07-18:", result.FineTunedModel, StringComparison.Ordinal);
        Assert.Contains(":techflow-support:", result.FineTunedModel, StringComparison.Ordinal);
        Assert.Equal(3, result.Job!.Epochs);
        Assert.True(result.TrainedTokens > 0);
        Assert.True(result.EstimatedCostUsd > 0);
        Assert.NotEmpty(result.Metrics);
        Assert.NotEmpty(result.Checkpoints);
        Assert.Contains(progress, p => p.Stage == FineTuneStage.Training && p.Step is > 0 && p.TrainLoss is > 0);
        Assert.Equal(1, lab.Emulator.Requests.Count("POST", "/v1/fine_tuning/jobs"));
    }

    [SkippableFact]
    public async Task RunAsync_RequestBodiesSent_MatchTheOpenApiContract()
    {
        var contract = OpenApiContract.Load();
        Skip.If(contract is null, OpenApiContract.MissingSpecReason);
        await using var lab = await Lab.StartAsync();
        var request = FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(lab.WriteTrainingFile(12))
            .WithSuffix("techflow-support").WithEpochs(3).WithSeed(42).WithBatchSize(2).WithLearningRateMultiplier(0.5)
            .WithMetadata("team", "support").WithWeightsAndBiases("techflow", tags: ["lab"]);

        var result = await lab.Time.DriveAsync(lab.Runner.RunAsync(request));
        var dpo = FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFileId(result.TrainingFileId!).WithDpo(0.1).WithEpochs(1);
        var dpoResult = await lab.Time.DriveAsync(lab.Runner.RunAsync(dpo));
        Assert.NotNull(dpoResult.JobId);

        var bodies = lab.Emulator.Requests.Entries.Where(e => e.Method == "POST" && e.Route == "/v1/fine_tuning/jobs" && e.RequestBody is not null).ToList();
        Assert.Equal(2, bodies.Count);
        foreach (var body in bodies)
        {
            var validation = contract!.Validate("CreateFineTuningJobRequest", JsonNode.Parse(body.RequestBody!), allowDeviations: false);
            Assert.True(validation.IsValid, validation.ToString());
        }
    }

    [Fact]
    public async Task RunAsync_ThirtyPercentOfRequestsFail_TwentyJobsSucceedWithoutDuplicates()
    {
        await using var lab = await Lab.StartAsync(o => o.TrainingDuration = TimeSpan.FromMinutes(3));
        foreach (var (method, route) in Routes)
        {
            // Four (or five) independent 8.5 % chances: about 30 % of the calls to every route fail.
            lab.Emulator.Faults
                .SetRate(method, route, 0.085, EmulatorFault.RateLimit(TimeSpan.FromSeconds(2)))
                .SetRate(method, route, 0.085, EmulatorFault.InternalServerError())
                .SetRate(method, route, 0.085, EmulatorFault.ServiceUnavailable(TimeSpan.FromSeconds(1)))
                .SetRate(method, route, 0.085, EmulatorFault.DropConnection());
            if (method == "POST")
            {
                lab.Emulator.Faults.SetRate(method, route, 0.085, EmulatorFault.LoseResponse());
            }
        }

        var path = lab.WriteTrainingFile(12);
        var results = new List<FineTuneResult>();
        for (var i = 0; i < 20; i++)
        {
            var request = FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path).WithSuffix($"run-{i}").WithSeed(i);
            results.Add(await lab.Time.DriveAsync(lab.Runner.RunAsync(request), TimeSpan.FromDays(1)));
        }

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(20, results.Select(r => r.JobId).Distinct().Count());
        Assert.Equal(20, results.Select(r => r.TrainingFileId).Distinct().Count()); // one upload per run, none duplicated by a retry
        var faults = lab.Emulator.Requests.Entries.Count(e => e.Fault != EmulatorFaultKind.None);
        var total = lab.Emulator.Requests.Entries.Count;
        Assert.InRange((double)faults / total, 0.2, 0.4);

        lab.Emulator.Faults.Clear();
        var jobs = new List<FineTuneJob>();
        await foreach (var job in lab.Runner.ListJobsAsync(pageSize: 100))
        {
            jobs.Add(job);
        }

        Assert.Equal(20, jobs.Count);
        Assert.All(jobs, j => Assert.Equal(FineTuneJobStatus.Succeeded, j.Status));
        var files = (await lab.SdkFiles.GetFilesAsync(FilePurpose.FineTune)).Value;
        Assert.Equal(20, files.Count(f => f.Filename.Contains(".upload-", StringComparison.Ordinal))); // no upload stored twice
    }

    [Fact]
    public async Task RunAsync_CreateResponseLostOnTheEmulator_ExactlyOneJob()
    {
        await using var lab = await Lab.StartAsync();
        lab.Emulator.Faults.Enqueue("POST", "/v1/fine_tuning/jobs", EmulatorFault.LoseResponse());

        var result = await lab.Time.DriveAsync(lab.Runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(lab.WriteTrainingFile(12))));

        Assert.True(result.Succeeded, result.ToString());
        var jobs = new List<FineTuneJob>();
        await foreach (var job in lab.Runner.ListJobsAsync())
        {
            jobs.Add(job);
        }

        Assert.Equal(result.JobId, Assert.Single(jobs).Id);
        Assert.Equal(1, lab.Emulator.Requests.Count("POST", "/v1/fine_tuning/jobs"));
    }

    [Fact]
    public async Task RunAsync_DailyRateLimitOnTheEmulator_EndsQuicklyWithThatReason()
    {
        await using var lab = await Lab.StartAsync();
        lab.Emulator.Faults.Enqueue("POST", "/v1/fine_tuning/jobs", EmulatorFault.DailyRateLimit());
        var path = lab.WriteTrainingFile(12);

        var error = await Assert.ThrowsAsync<FineTuneApiException>(() => lab.Time.DriveAsync(lab.Runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path))));

        Assert.Equal(FineTuneApiException.DailyRateLimitExceededCode, error.ErrorCode);
        Assert.Contains("daily", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, lab.Emulator.Requests.Count("POST", "/v1/fine_tuning/jobs"));
        Assert.True(lab.Time.GetUtcNow() - Start < TimeSpan.FromMinutes(1), "the runner retried a daily limit");
    }

    [Fact]
    public async Task RunAsync_TrainingFileRejectedByTheService_ErrorCodeAndMessageReachTheCaller()
    {
        await using var lab = await Lab.StartAsync();
        var path = lab.WriteTrainingFile(4);

        var result = await lab.Time.DriveAsync(lab.Runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path).IgnoreValidationErrors()));

        Assert.Equal(FineTuneJobStatus.Failed, result.Status);
        Assert.NotNull(result.JobId);
        Assert.False(string.IsNullOrWhiteSpace(result.Error!.Code));
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
        Assert.Equal("training_file", result.Error.Param);
        Assert.Null(result.FineTunedModel);
    }

    [Fact]
    public async Task RunAsync_FileAboveTheThreshold_UsesTheUploadsApiInParallelPartsOnce()
    {
        await using var lab = await Lab.StartAsync(configureRunner: o =>
        {
            o.MultipartUploadThreshold = 1024;
            o.UploadPartSize = 700;
            o.MaxParallelUploadParts = 3;
        });
        var path = lab.WriteTrainingFile(12);
        var request = FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path);

        var first = await lab.Time.DriveAsync(lab.Runner.RunAsync(request));
        var parts = lab.Emulator.Requests.Count("POST", "/v1/uploads/{upload_id}/parts");
        var second = await lab.Time.DriveAsync(lab.Runner.RunAsync(request));

        Assert.True(first.Succeeded, first.ToString());
        Assert.Equal((int)Math.Ceiling(new FileInfo(path).Length / 700.0), parts);
        Assert.True(second.ReusedJob);
        Assert.True(second.ReusedTrainingFile);
        Assert.Equal(first.TrainingFileId, second.TrainingFileId);
        Assert.Equal(2, lab.Emulator.Requests.Count("POST", "/v1/uploads/{upload_id}/complete"));
        Assert.Equal(0, lab.Emulator.Requests.Count("POST", "/v1/files"));
        Assert.Equal(1, lab.Emulator.Requests.Count("DELETE", "/v1/files/{id}")); // the second run's copy, not needed by the reused job
    }

    private static readonly (string Method, string Route)[] Routes =
    [
        ("GET", "/v1/files"), ("POST", "/v1/files"), ("GET", "/v1/files/{id}"), ("GET", "/v1/files/{id}/content"),
        ("GET", "/v1/fine_tuning/jobs"), ("POST", "/v1/fine_tuning/jobs"), ("GET", "/v1/fine_tuning/jobs/{id}"),
        ("GET", "/v1/fine_tuning/jobs/{id}/events"), ("GET", "/v1/fine_tuning/jobs/{id}/checkpoints"),
    ];

    private sealed class Lab : IAsyncDisposable
    {
        private readonly List<string> _files = [];

        private Lab(SteppingTimeProvider time, OpenAIEmulator emulator, FineTuneJobRunner runner)
        {
            Time = time;
            Emulator = emulator;
            Runner = runner;
            SdkFiles = new OpenAIFileClient(new ApiKeyCredential(emulator.ApiKey), new OpenAIClientOptions { Endpoint = emulator.Endpoint });
        }

        public SteppingTimeProvider Time { get; }

        public OpenAIEmulator Emulator { get; }

        public FineTuneJobRunner Runner { get; }

        public OpenAIFileClient SdkFiles { get; }

        public static async Task<Lab> StartAsync(Action<OpenAIEmulatorOptions>? configure = null, Action<FineTuneJobRunnerOptions>? configureRunner = null)
        {
            var time = new SteppingTimeProvider(Start);
            var options = new OpenAIEmulatorOptions { TimeProvider = time, SpeedFactor = 1, StartTime = Start, Seed = 7 };
            configure?.Invoke(options);
            var emulator = await OpenAIEmulator.StartAsync(options);
            var runnerOptions = new FineTuneJobRunnerOptions { ApiKey = emulator.ApiKey, Endpoint = emulator.Endpoint };
            runnerOptions.Resilience.AttemptTimeout = TimeSpan.FromHours(1);
            runnerOptions.Resilience.MaxRetryAttempts = 12;
            configureRunner?.Invoke(runnerOptions);
            return new Lab(time, emulator, new FineTuneJobRunner(runnerOptions, time, CollectingLoggerProvider.GlobalFactory));
        }

        public string WriteTrainingFile(int examples)
        {
            var path = Path.Combine(Path.GetTempPath(), $"emulator-lab-{Guid.NewGuid():N}.jsonl");
            var topics = new[] { "reset my password", "update my billing card", "export my data", "invite a teammate", "enable two-factor login", "change my plan" };
            var lines = Enumerable.Range(0, examples).Select(i =>
                $$"""{"messages":[{"role":"system","content":"You are TechFlow's helpful support assistant. Be friendly, concise, and always offer next steps."},{"role":"user","content":"How do I {{topics[i % topics.Length]}}? (case {{i}})"},{"role":"assistant","content":"I'd be happy to help with that! 🔐\n\n**Quick Steps:**\n1. Open Settings\n2. Choose the right section for case {{i}}\n3. Save your changes\n\n**Need more help?** Just reply and I'll walk you through it!"}]}""");
            File.WriteAllText(path, string.Join('\n', lines) + "\n");
            _files.Add(path);
            return path;
        }

        public async ValueTask DisposeAsync()
        {
            await Emulator.DisposeAsync();
            foreach (var file in _files)
            {
                File.Delete(file);
            }
        }
    }
}
