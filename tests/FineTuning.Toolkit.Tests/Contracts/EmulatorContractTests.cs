using System.ClientModel;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Tests.Testing;
using OpenAI;
using OpenAI.FineTuning;

namespace FineTuning.Toolkit.Tests.Contracts;

public sealed class EmulatorContractTests
{
    private static OpenApiContract RequireContract() => ContractAssert.Require(OpenApiContract.Load());

    [SkippableFact]
    public async Task Files_ResponseBodies_ConformToSpec()
    {
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);

        var uploaded = await http.UploadAsync(TechFlowTrainingData.ToJsonl());
        ContractAssert.Conforms(contract, "OpenAIFile", uploaded.Body);
        ContractAssert.Conforms(contract, "OpenAIFile", (await http.GetAsync($"/v1/files/{uploaded.Id}")).Body);
        ContractAssert.Conforms(contract, "ListFilesResponse", (await http.GetAsync("/v1/files?purpose=fine-tune")).Body);
        ContractAssert.Conforms(contract, "DeleteFileResponse", (await http.DeleteAsync($"/v1/files/{uploaded.Id}")).Body);
    }

    [SkippableFact]
    public async Task Uploads_ResponseBodies_ConformToSpec()
    {
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var bytes = System.Text.Encoding.UTF8.GetBytes(TechFlowTrainingData.ToJsonl());

        var upload = await http.PostAsync("/v1/uploads", new JsonObject { ["filename"] = "train.jsonl", ["purpose"] = "fine-tune", ["bytes"] = bytes.Length, ["mime_type"] = "application/jsonl" });
        ContractAssert.Conforms(contract, "Upload", upload.Body);
        var part = await http.AddPartAsync(upload.Id, bytes);
        ContractAssert.Conforms(contract, "UploadPart", part.Body);
        var completed = await http.PostAsync($"/v1/uploads/{upload.Id}/complete", new JsonObject { ["part_ids"] = new JsonArray(part.Id) });
        ContractAssert.Conforms(contract, "Upload", completed.Body);
        Assert.NotNull(completed.Body["file"]);

        var other = await http.PostAsync("/v1/uploads", new JsonObject { ["filename"] = "x.jsonl", ["purpose"] = "fine-tune", ["bytes"] = 10, ["mime_type"] = "application/jsonl" });
        ContractAssert.Conforms(contract, "Upload", (await http.PostAsync($"/v1/uploads/{other.Id}/cancel")).Body);
    }

    [SkippableFact]
    public async Task Jobs_ResponseBodiesInEveryStatus_ConformToSpecWithTheDocumentedDeviationOnly()
    {
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var fileId = await EmulatorScenario.UploadProcessedAsync(emulator, http);
        var jobId = await EmulatorScenario.CreateJobAsync(http, fileId, new JsonObject
        {
            ["seed"] = 3,
            ["metadata"] = new JsonObject { ["team"] = "support" },
            ["method"] = new JsonObject { ["type"] = "supervised", ["supervised"] = new JsonObject { ["hyperparameters"] = new JsonObject { ["n_epochs"] = 3 } } },
        });

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 60; i++)
        {
            var job = (await http.GetAsync($"/v1/fine_tuning/jobs/{jobId}")).Body;
            seen.Add(job["status"]!.GetValue<string>());
            var tolerant = contract.Validate("FineTuningJob", job, allowDeviations: true);
            Assert.True(tolerant.IsValid, tolerant.ToString());
            Assert.Equal([ContractDeviations.EmptyErrorObjectOnHealthyJob], tolerant.AppliedDeviations);
            emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Superset(new HashSet<string> { "validating_files", "queued", "running", "succeeded" }, seen);
        ContractAssert.Conforms(contract, "ListPaginatedFineTuningJobsResponse", (await http.GetAsync("/v1/fine_tuning/jobs?limit=5")).Body, allowDeviations: true);

        var cancelled = await http.PostAsync($"/v1/fine_tuning/jobs/{await EmulatorScenario.CreateJobAsync(http, fileId)}/cancel");
        Assert.Equal("cancelled", cancelled.Body["status"]!.GetValue<string>());
        ContractAssert.Conforms(contract, "FineTuningJob", cancelled.Body, allowDeviations: true);
    }

    [SkippableFact]
    public async Task Jobs_HealthyJobStrictly_FailsOnlyAtTheEmptyErrorObject()
    {
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var jobId = await EmulatorScenario.CreateJobAsync(http, await EmulatorScenario.UploadProcessedAsync(emulator, http));

        var strict = contract.Validate("FineTuningJob", (await http.GetAsync($"/v1/fine_tuning/jobs/{jobId}")).Body, allowDeviations: false);

        Assert.False(strict.IsValid);
        Assert.NotEmpty(strict.Violations);
        Assert.All(strict.Violations.Where(v => v.InstanceLocation.Length > 0), v => Assert.StartsWith("/error", v.InstanceLocation, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Jobs_FailedJob_ConformsStrictlyWithCompleteError()
    {
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var fileId = await EmulatorScenario.UploadProcessedAsync(emulator, http, "{\"messages\": []}\nnot json\n");
        var job = await EmulatorScenario.RunToEndAsync(emulator, http, await EmulatorScenario.CreateJobAsync(http, fileId));

        Assert.Equal("failed", job["status"]!.GetValue<string>());
        ContractAssert.Conforms(contract, "FineTuningJob", job);
    }

    [SkippableFact]
    public async Task EventsAndCheckpoints_ResponseBodies_ConformToSpec()
    {
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var jobId = await EmulatorScenario.CreateJobAsync(http, await EmulatorScenario.UploadProcessedAsync(emulator, http), new JsonObject { ["validation_file"] = null });
        await EmulatorScenario.RunToEndAsync(emulator, http, jobId);

        var events = (await http.GetAsync($"/v1/fine_tuning/jobs/{jobId}/events?limit=100")).Body;
        ContractAssert.Conforms(contract, "ListFineTuningJobEventsResponse", events);
        Assert.Contains(events["data"]!.AsArray(), e => e!["type"]!.GetValue<string>() == "metrics");
        var checkpoints = (await http.GetAsync($"/v1/fine_tuning/jobs/{jobId}/checkpoints")).Body;
        ContractAssert.Conforms(contract, "ListFineTuningJobCheckpointsResponse", checkpoints);
        Assert.Equal(3, checkpoints["data"]!.AsArray().Count);
    }

    [SkippableFact]
    public async Task ModelsAndChat_ResponseBodies_ConformToSpec()
    {
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var job = await EmulatorScenario.RunToEndAsync(emulator, http, await EmulatorScenario.CreateJobAsync(http, await EmulatorScenario.UploadProcessedAsync(emulator, http)));
        var model = job["fine_tuned_model"]!.GetValue<string>();

        ContractAssert.Conforms(contract, "Model", (await http.GetAsync($"/v1/models/{model}")).Body);
        ContractAssert.Conforms(contract, "Model", (await http.GetAsync("/v1/models/gpt-4o-mini")).Body);
        ContractAssert.Conforms(contract, "ListModelsResponse", (await http.GetAsync("/v1/models")).Body);
        foreach (var name in new[] { model, "gpt-4o-mini" })
        {
            var chat = await http.PostAsync("/v1/chat/completions", new JsonObject
            {
                ["model"] = name,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Can I get a refund?" }),
            });
            ContractAssert.Conforms(contract, "CreateChatCompletionResponse", chat.Body);
        }

        ContractAssert.Conforms(contract, "DeleteModelResponse", (await http.DeleteAsync($"/v1/models/{model}")).Body);
    }

    [SkippableFact]
    public async Task ChatStreaming_EveryChunk_ConformsToSpec()
    {
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);

        var response = await http.PostAsync("/v1/chat/completions", new JsonObject
        {
            ["model"] = "gpt-4o-mini",
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "How do I export my data?" }),
        });
        var events = response.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..]).ToList();

        Assert.Equal("text/event-stream", response.Headers["content-type"]);
        Assert.Equal("[DONE]", events[^1]);
        Assert.True(events.Count > 4);
        Assert.All(events.SkipLast(1), chunk => ContractAssert.Conforms(contract, "CreateChatCompletionStreamResponse", JsonNode.Parse(chunk)!));
        Assert.NotNull(JsonNode.Parse(events[^2])!["usage"]);
    }

    [SkippableFact]
    public async Task Jobs_PausedStatus_IsTheOnlyPartOutsideTheSpecBesidesTheEmptyError()
    {
        // "pausing"/"paused" are real statuses the spec's enum lacks; they are deliberately NOT allow-listed, so
        // clients' tolerance of unknown statuses is tested against the emulator, not hidden by the contract tests.
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var jobId = await EmulatorScenario.CreateJobAsync(http, await EmulatorScenario.UploadProcessedAsync(emulator, http));
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));

        var paused = (await http.PostAsync($"/v1/fine_tuning/jobs/{jobId}/pause")).Body;
        var result = contract.Validate("FineTuningJob", paused, allowDeviations: true);

        Assert.False(result.IsValid);
        Assert.All(result.Violations.Where(v => v.InstanceLocation.Length > 0), v => Assert.Equal("/status", v.InstanceLocation));
    }

    [SkippableFact]
    public async Task Errors_ResponseBodies_ConformToErrorResponse()
    {
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        using var anonymous = new EmulatorHttp(emulator, apiKey: "sk-wrong");
        var bodies = new List<EmulatorResponse>
        {
            await anonymous.GetAsync("/v1/files"),
            await http.GetAsync("/v1/files/file-missing"),
            await http.PostAsync("/v1/fine_tuning/jobs", new JsonObject { ["model"] = "gpt-4o-mini" }),
        };
        emulator.Faults.Enqueue("POST", "/v1/fine_tuning/jobs", EmulatorFault.RateLimit(), EmulatorFault.DailyRateLimit(), EmulatorFault.InternalServerError(), EmulatorFault.ServiceUnavailable());
        bodies.AddRange(
        [
            await http.PostAsync("/v1/fine_tuning/jobs", new JsonObject()),
            await http.PostAsync("/v1/fine_tuning/jobs", new JsonObject()),
            await http.PostAsync("/v1/fine_tuning/jobs", new JsonObject()),
            await http.PostAsync("/v1/fine_tuning/jobs", new JsonObject()),
        ]);

        Assert.Equal([401, 404, 400, 429, 429, 500, 503], bodies.Select(b => b.Status));
        Assert.All(bodies, b => ContractAssert.Conforms(contract, "ErrorResponse", b.Body));
    }

    [SkippableFact]
    public async Task CreateJobRequest_SentByTheOfficialSdk_ConformsToSpec()
    {
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var fileId = await EmulatorScenario.UploadProcessedAsync(emulator, http);
        var client = new OpenAIClient(new ApiKeyCredential(emulator.ApiKey), new OpenAIClientOptions { Endpoint = emulator.Endpoint }).GetFineTuningClient();
        var options = new FineTuningOptions { Suffix = "techflow", Seed = 1, TrainingMethod = FineTuningTrainingMethod.CreateSupervised(epochCount: 2, batchSize: 1, learningRate: 0.5) };
        options.Metadata["owner"] = "tests";

        await client.FineTuneAsync("gpt-4o-mini-2024-07-18", fileId, waitUntilCompleted: false, options);

        var sent = emulator.Requests.Entries.Single(r => r.Method == "POST" && r.Route == "/v1/fine_tuning/jobs");
        Assert.NotNull(sent.RequestBody);
        ContractAssert.Conforms(contract, "CreateFineTuningJobRequest", JsonNode.Parse(sent.RequestBody!)!);
    }

    [SkippableFact]
    public void Validate_RequestBreakingTheSpec_ReportsViolations()
    {
        var contract = RequireContract();

        var result = contract.Validate("CreateFineTuningJobRequest", """{"model": "gpt-4o-mini", "training_file": "file-1", "hyperparameters": {"learning_rate_multiplier": 0}}""");

        Assert.False(result.IsValid);
        Assert.Contains(result.Violations, v => v.InstanceLocation.Contains("learning_rate_multiplier", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Validate_NullableAllOfMember_AcceptsNull()
    {
        var contract = RequireContract();

        var result = contract.Validate("Upload", """{"id": "upload_1", "object": "upload", "bytes": 1, "created_at": 1, "filename": "a", "purpose": "fine-tune", "status": "pending", "expires_at": 2, "file": null}""");

        Assert.True(result.IsValid, result.ToString());
    }

    [SkippableFact]
    public void Validate_UnknownSchemaName_Throws()
    {
        var contract = RequireContract();

        Assert.Throws<ArgumentException>("schemaName", () => contract.Validate("NoSuchSchema", "{}"));
        Assert.Throws<ArgumentNullException>("schemaName", () => contract.Validate(null!, "{}"));
    }
}
