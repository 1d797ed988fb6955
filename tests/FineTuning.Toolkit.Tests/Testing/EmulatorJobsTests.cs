using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Tests.Testing;

public sealed class EmulatorJobsTests
{
    private static async Task<JsonNode> GetJobAsync(EmulatorHttp http, string id) => (await http.GetAsync($"/v1/fine_tuning/jobs/{id}")).Body;

    private static string Status(JsonNode job) => job["status"]!.GetValue<string>();

    [Fact]
    public async Task Create_FileStillProcessing_JobFailsWithFileNotReady()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var file = await http.UploadAsync(TechFlowTrainingData.ToJsonl());
        Assert.Equal("uploaded", file.Body["status"]!.GetValue<string>());

        var jobId = await EmulatorScenario.CreateJobAsync(http, file.Id);
        var job = await EmulatorScenario.RunToEndAsync(emulator, http, jobId);

        Assert.Equal("failed", Status(job));
        Assert.Equal("file_not_ready", job["error"]!["code"]!.GetValue<string>());
        Assert.Equal("training_file", job["error"]!["param"]!.GetValue<string>());
        Assert.Null(job["fine_tuned_model"]);
    }

    [Fact]
    public async Task Create_InvalidTrainingFile_UploadIsAcceptedButJobFailsWithCodeMessageAndParam()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var lines = TechFlowTrainingData.ToJsonl().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines[3] = "{\"messages\": [{\"role\": \"bot\", \"content\": \"hi\"}]}";
        var fileId = await EmulatorScenario.UploadProcessedAsync(emulator, http, string.Join('\n', lines));

        var jobId = await EmulatorScenario.CreateJobAsync(http, fileId);
        Assert.Equal("validating_files", Status(await GetJobAsync(http, jobId)));
        var job = await EmulatorScenario.RunToEndAsync(emulator, http, jobId);

        Assert.Equal("failed", Status(job));
        Assert.Equal("invalid_training_file", job["error"]!["code"]!.GetValue<string>());
        Assert.Contains("Line 4", job["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("unrecognized_role", job["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("training_file", job["error"]!["param"]!.GetValue<string>());
        Assert.NotNull(job["finished_at"]);
    }

    [Theory]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, {\"role\": \"assistant\", \"content\": \"Hello there, how can I help you today?\", \"weight\": 2}]}", "invalid_weight")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, {\"role\": \"assistant\", \"content\": \"Hello there, how can I help you today?\", \"mood\": \"happy\"}]}", "message_unrecognized_key")]
    public async Task Create_FileRejectedByTheDatasetValidator_JobFailsNamingTheRule(string badLine, string code)
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var fileId = await EmulatorScenario.UploadProcessedAsync(emulator, http, TechFlowTrainingData.ToJsonl() + badLine + "\n");

        var job = await EmulatorScenario.RunToEndAsync(emulator, http, await EmulatorScenario.CreateJobAsync(http, fileId));

        Assert.Equal("failed", Status(job));
        Assert.Contains("Line 21", job["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(code, job["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifecycle_ThroughStatuses_SetsEstimatedFinishAndEndsWithModelTokensAndResultFile()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var jobId = await EmulatorScenario.CreateJobAsync(http, await EmulatorScenario.UploadProcessedAsync(emulator, http));

        var created = await GetJobAsync(http, jobId);
        Assert.Equal("validating_files", Status(created));
        Assert.Empty(created["error"]!.AsObject());
        Assert.Equal("techflow", created["user_provided_suffix"]!.GetValue<string>());
        Assert.Equal("auto", created["hyperparameters"]!["n_epochs"]!.GetValue<string>());
        Assert.Equal("auto", created["method"]!["supervised"]!["hyperparameters"]!["batch_size"]!.GetValue<string>());
        emulator.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("queued", Status(await GetJobAsync(http, jobId)));
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        var running = await GetJobAsync(http, jobId);
        Assert.Equal("running", Status(running));
        Assert.Equal(3, running["hyperparameters"]!["n_epochs"]!.GetValue<int>());
        Assert.Equal(1, running["hyperparameters"]!["batch_size"]!.GetValue<int>());
        var estimatedFinish = running["estimated_finish"]!.GetValue<long>();
        Assert.True(estimatedFinish > running["created_at"]!.GetValue<long>());

        emulator.Clock.Advance(TimeSpan.FromMinutes(20));
        var done = await GetJobAsync(http, jobId);

        Assert.Equal("succeeded", Status(done));
        Assert.Equal(estimatedFinish, done["finished_at"]!.GetValue<long>());
        Assert.Null(done["estimated_finish"]);
        Assert.True(done["trained_tokens"]!.GetValue<long>() > 0);
        Assert.Equal(done["trained_tokens"]!.GetValue<long>(), done["usage_metrics"]!["trained_tokens"]!.GetValue<long>());
        Assert.StartsWith("ft:gpt-4o-mini-2024-07-18:emulator-org:techflow:", done["fine_tuned_model"]!.GetValue<string>(), StringComparison.Ordinal);
        var resultFile = (await http.GetAsync($"/v1/files/{done["result_files"]![0]!.GetValue<string>()}")).Body;
        Assert.Equal("fine-tune-results", resultFile["purpose"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResultFile_LossCurve_DecaysAndIsTheSameForTheSameSeed()
    {
        async Task<string> ResultCsvAsync()
        {
            await using var emulator = await EmulatorScenario.StartFrozenAsync();
            using var http = new EmulatorHttp(emulator);
            var job = await EmulatorScenario.RunToEndAsync(emulator, http, await EmulatorScenario.CreateJobAsync(http, await EmulatorScenario.UploadProcessedAsync(emulator, http), new JsonObject { ["seed"] = 99 }));
            return Encoding.UTF8.GetString(Convert.FromBase64String((await http.GetAsync($"/v1/files/{job["result_files"]![0]!.GetValue<string>()}/content")).Text));
        }

        var csv = await ResultCsvAsync();
        var losses = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => double.Parse(line.Split(',')[1], CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(60, losses.Count);
        Assert.True(losses.Take(5).Average() > 2 * losses.TakeLast(5).Average(), csv);
        Assert.All(losses, l => Assert.InRange(l, 0.01, 5));
        Assert.Equal(csv, await ResultCsvAsync());
    }

    [Fact]
    public async Task ResultFile_Base64Disabled_IsServedAsPlainCsv()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { SpeedFactor = 0, StartTime = TestWorld.Today, Base64ResultFiles = false });
        using var http = new EmulatorHttp(emulator);
        var job = await EmulatorScenario.RunToEndAsync(emulator, http, await EmulatorScenario.CreateJobAsync(http, await EmulatorScenario.UploadProcessedAsync(emulator, http)));

        var content = (await http.GetAsync($"/v1/files/{job["result_files"]![0]!.GetValue<string>()}/content")).Text;

        Assert.StartsWith("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n1,", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PauseAndResume_RunningJob_FreezesProgressThenFinishesLater()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var jobId = await EmulatorScenario.CreateJobAsync(http, await EmulatorScenario.UploadProcessedAsync(emulator, http));
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("running", Status(await GetJobAsync(http, jobId)));

        var pausing = await http.PostAsync($"/v1/fine_tuning/jobs/{jobId}/pause");
        Assert.Equal("pausing", Status(pausing.Body));
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("paused", Status(await GetJobAsync(http, jobId)));
        var eventsWhilePaused = (await http.GetAsync($"/v1/fine_tuning/jobs/{jobId}/events?limit=1000")).Body["data"]!.AsArray().Count;
        emulator.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("paused", Status(await GetJobAsync(http, jobId)));
        Assert.Equal(eventsWhilePaused, (await http.GetAsync($"/v1/fine_tuning/jobs/{jobId}/events?limit=1000")).Body["data"]!.AsArray().Count);

        Assert.Equal("running", Status((await http.PostAsync($"/v1/fine_tuning/jobs/{jobId}/resume")).Body));
        emulator.Clock.Advance(TimeSpan.FromMinutes(30));
        var done = await GetJobAsync(http, jobId);

        Assert.Equal("succeeded", Status(done));
        Assert.True(done["finished_at"]!.GetValue<long>() - done["created_at"]!.GetValue<long>() > 3600);
        Assert.Equal(400, (await http.PostAsync($"/v1/fine_tuning/jobs/{jobId}/pause")).Status);
    }

    [Fact]
    public async Task Cancel_RunningJob_CancelsOnceAndRejectsASecondCancel()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var jobId = await EmulatorScenario.CreateJobAsync(http, await EmulatorScenario.UploadProcessedAsync(emulator, http));
        emulator.Clock.Advance(TimeSpan.FromMinutes(3));

        var cancelled = await http.PostAsync($"/v1/fine_tuning/jobs/{jobId}/cancel");
        emulator.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal("cancelled", Status(cancelled.Body));
        Assert.Equal("cancelled", Status(await GetJobAsync(http, jobId)));
        Assert.Null((await GetJobAsync(http, jobId))["fine_tuned_model"]);
        Assert.Equal(400, (await http.PostAsync($"/v1/fine_tuning/jobs/{jobId}/cancel")).Status);
        Assert.Equal(404, (await http.PostAsync("/v1/fine_tuning/jobs/ftjob-missing/cancel")).Status);
    }

    [Fact]
    public async Task Events_Paged_AreNewestFirstWithAfterLimitAndHasMore()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var jobId = await EmulatorScenario.CreateJobAsync(http, await EmulatorScenario.UploadProcessedAsync(emulator, http));
        await EmulatorScenario.RunToEndAsync(emulator, http, jobId);

        var all = (await http.GetAsync($"/v1/fine_tuning/jobs/{jobId}/events?limit=1000")).Body["data"]!.AsArray().Select(e => e!).ToList();
        var first = (await http.GetAsync($"/v1/fine_tuning/jobs/{jobId}/events?limit=5")).Body;
        var lastId = first["data"]![4]!["id"]!.GetValue<string>();
        var second = (await http.GetAsync($"/v1/fine_tuning/jobs/{jobId}/events?limit=5&after={lastId}")).Body;

        Assert.True(first["has_more"]!.GetValue<bool>());
        Assert.Equal(all.Skip(5).Take(5).Select(e => e["id"]!.GetValue<string>()), second["data"]!.AsArray().Select(e => e!["id"]!.GetValue<string>()));
        Assert.Equal("The job has successfully completed", all[0]["message"]!.GetValue<string>());
        Assert.StartsWith("Created fine-tuning job", all[^1]["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First["created_at"]!.GetValue<long>() >= p.Second["created_at"]!.GetValue<long>()));
        var metrics = all.Where(e => e["type"]!.GetValue<string>() == "metrics").ToList();
        Assert.Equal(60, metrics.Count);
        Assert.All(metrics, m => Assert.NotNull(m["data"]!["train_loss"]));
        Assert.False((await http.GetAsync($"/v1/fine_tuning/jobs/{jobId}/events?limit=1000")).Body["has_more"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Checkpoints_LastThreeEpochs_NewestFirstWithMetrics()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var jobId = await EmulatorScenario.CreateJobAsync(http, await EmulatorScenario.UploadProcessedAsync(emulator, http), new JsonObject
        {
            ["method"] = new JsonObject { ["type"] = "supervised", ["supervised"] = new JsonObject { ["hyperparameters"] = new JsonObject { ["n_epochs"] = 5, ["batch_size"] = 2 } } },
        });
        await EmulatorScenario.RunToEndAsync(emulator, http, jobId);

        var checkpoints = (await http.GetAsync($"/v1/fine_tuning/jobs/{jobId}/checkpoints")).Body["data"]!.AsArray();

        Assert.Equal([50, 40, 30], checkpoints.Select(c => c!["step_number"]!.GetValue<int>()));
        Assert.All(checkpoints, c => Assert.NotNull(c!["metrics"]!["train_loss"]));
        var checkpointModel = checkpoints[1]!["fine_tuned_model_checkpoint"]!.GetValue<string>();
        Assert.Equal(200, (await http.GetAsync($"/v1/models/{checkpointModel}")).Status);
    }

    [Fact]
    public async Task List_AfterLimitAndMetadataFilter_PagesNewestFirst()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var fileId = await EmulatorScenario.UploadProcessedAsync(emulator, http);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await EmulatorScenario.CreateJobAsync(http, fileId, new JsonObject { ["metadata"] = new JsonObject { ["batch"] = i % 2 == 0 ? "even" : "odd" } }));
        }

        var page = (await http.GetAsync("/v1/fine_tuning/jobs?limit=2")).Body;
        var next = (await http.GetAsync($"/v1/fine_tuning/jobs?limit=2&after={ids[2]}")).Body;
        var even = (await http.GetAsync("/v1/fine_tuning/jobs?metadata[batch]=even")).Body;

        Assert.Equal([ids[3], ids[2]], page["data"]!.AsArray().Select(j => j!["id"]!.GetValue<string>()));
        Assert.True(page["has_more"]!.GetValue<bool>());
        Assert.Equal([ids[1], ids[0]], next["data"]!.AsArray().Select(j => j!["id"]!.GetValue<string>()));
        Assert.False(next["has_more"]!.GetValue<bool>());
        Assert.Equal([ids[2], ids[0]], even["data"]!.AsArray().Select(j => j!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Create_DpoWithHyperparametersIntegrationsAndValidationFile_EchoesThemAndSucceeds()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var preference = string.Concat(TechFlowTrainingData.Examples.Select(e => new JsonObject
        {
            ["input"] = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = e.User }) },
            ["preferred_output"] = new JsonArray(new JsonObject { ["role"] = "assistant", ["content"] = e.Assistant }),
            ["non_preferred_output"] = new JsonArray(new JsonObject { ["role"] = "assistant", ["content"] = "Please read the documentation." }),
        }.ToJsonString() + "\n"));
        var trainingId = await EmulatorScenario.UploadProcessedAsync(emulator, http, preference);
        var validationId = await EmulatorScenario.UploadProcessedAsync(emulator, http, preference);

        var jobId = await EmulatorScenario.CreateJobAsync(http, trainingId, new JsonObject
        {
            ["model"] = "gpt-4o-mini",
            ["validation_file"] = validationId,
            ["method"] = new JsonObject { ["type"] = "dpo", ["dpo"] = new JsonObject { ["hyperparameters"] = new JsonObject { ["beta"] = 0.2, ["n_epochs"] = 2 } } },
            ["integrations"] = new JsonArray(new JsonObject { ["type"] = "wandb", ["wandb"] = new JsonObject { ["project"] = "techflow" } }),
        });
        var job = await EmulatorScenario.RunToEndAsync(emulator, http, jobId);

        Assert.Equal("succeeded", Status(job));
        Assert.Equal("gpt-4o-mini-2024-07-18", job["model"]!.GetValue<string>());
        Assert.Equal(0.2, job["method"]!["dpo"]!["hyperparameters"]!["beta"]!.GetValue<double>());
        Assert.Equal(2, job["hyperparameters"]!["n_epochs"]!.GetValue<int>());
        Assert.Equal("techflow", job["integrations"]![0]!["wandb"]!["project"]!.GetValue<string>());
        Assert.Equal(validationId, job["validation_file"]!.GetValue<string>());
        var csv = Encoding.UTF8.GetString(Convert.FromBase64String((await http.GetAsync($"/v1/files/{job["result_files"]![0]!.GetValue<string>()}/content")).Text));
        Assert.DoesNotContain(",,", csv.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FromAFineTunedModel_ContinuesTrainingAndNamesTheNewModelAfterTheBase()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var fileId = await EmulatorScenario.UploadProcessedAsync(emulator, http);
        var first = await EmulatorScenario.RunToEndAsync(emulator, http, await EmulatorScenario.CreateJobAsync(http, fileId));
        var firstModel = first["fine_tuned_model"]!.GetValue<string>();

        var second = await EmulatorScenario.RunToEndAsync(emulator, http, await EmulatorScenario.CreateJobAsync(http, fileId, new JsonObject { ["model"] = firstModel, ["suffix"] = "v2" }));

        Assert.Equal(firstModel, second["model"]!.GetValue<string>());
        Assert.Matches("^ft:gpt-4o-mini-2024-07-18:emulator-org:v2:[A-Za-z0-9]{8}$", second["fine_tuned_model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Requests_ManyInParallel_AreAllServedAndLogged()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var fileId = await EmulatorScenario.UploadProcessedAsync(emulator, http);

        var jobIds = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => EmulatorScenario.CreateJobAsync(http, fileId)));
        emulator.Clock.Advance(TimeSpan.FromHours(1));
        var jobs = await Task.WhenAll(jobIds.Select(id => GetJobAsync(http, id)));

        Assert.Equal(40, jobIds.Distinct().Count());
        Assert.All(jobs, j => Assert.Equal("succeeded", Status(j)));
        Assert.Equal(40, jobs.Select(j => j["fine_tuned_model"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(40, emulator.Requests.Count("POST", "/v1/fine_tuning/jobs", 200));
    }

    [Theory]
    [InlineData("gpt-4o-mini", "gpt-4o-mini-2024-07-18")]
    [InlineData("gpt-4o", "gpt-4o-2024-08-06")]
    [InlineData("gpt-4.1-mini", "gpt-4.1-mini-2025-04-14")]
    [InlineData("gpt-3.5-turbo", "gpt-3.5-turbo-0125")]
    [InlineData("gpt-4o-2024-08-06", "gpt-4o-2024-08-06")]
    public async Task Create_UndatedModelName_ResolvesToItsDatedSnapshot(string requested, string expected)
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);

        var jobId = await EmulatorScenario.CreateJobAsync(http, await EmulatorScenario.UploadProcessedAsync(emulator, http), new JsonObject { ["model"] = requested });

        Assert.Equal(expected, (await GetJobAsync(http, jobId))["model"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"training_file\": \"file-x\"}", "model")]
    [InlineData("{\"model\": \"gpt-4o-mini\"}", "training_file")]
    [InlineData("{\"model\": \"davinci-001\", \"training_file\": \"FILE\"}", "model")]
    [InlineData("{\"model\": \"gpt-4o-mini\", \"training_file\": \"file-missing\"}", "training_file")]
    [InlineData("{\"model\": \"gpt-4o-mini\", \"training_file\": \"FILE\", \"hyperparameters\": {\"n_epochs\": 0}}", "hyperparameters.n_epochs")]
    [InlineData("{\"model\": \"gpt-4o-mini\", \"training_file\": \"FILE\", \"method\": {\"type\": \"reinforcement\"}}", "method.type")]
    public async Task Create_InvalidRequest_Returns400NamingTheParameter(string body, string param)
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var fileId = await EmulatorScenario.UploadProcessedAsync(emulator, http);

        var response = await http.PostAsync("/v1/fine_tuning/jobs", JsonNode.Parse(body.Replace("FILE", fileId, StringComparison.Ordinal)));

        Assert.Equal(400, response.Status);
        Assert.Equal(param, response.Body["error"]!["param"]!.GetValue<string>());
    }
}
