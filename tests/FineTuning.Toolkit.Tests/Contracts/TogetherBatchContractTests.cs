using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Tests.Comparison.Batch;
using FineTuning.Toolkit.Tests.Testing;

namespace FineTuning.Toolkit.Tests.Contracts;

/// <summary>Together AI's Batch API both ways against its official spec (<c>../shared/contracts/together-openapi.yaml</c>):
/// the requests a Together batch comparison sends (upload form, create body) and the emulator's Together batch responses
/// in every status, strictly (no deviations).</summary>
public sealed class TogetherBatchContractTests
{
    private const string Line = """{"custom_id":"req-{0}","body":{"model":"meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo","messages":[{"role":"user","content":"How do I reset my password? {0}"}]}}""";

    [SkippableFact]
    public async Task BatchComparisonOnTogether_RequestsSent_ConformToTogetherSpec()
    {
        var contract = ContractAssert.Require(OpenApiContract.LoadTogether());
        await using var emulator = await BatchScenario.StartAsync(dialect: EmulatorDialect.Together);
        var capture = new CapturingHandler();
        var options = BatchScenario.Options(emulator, ComparisonExecutionMode.Batch);
        options.Batch.Connection.Transport = new HttpClientPipelineTransport(new HttpClient(capture));
        options.MaxOutputTokens = 200;

        var report = await BatchScenario.RunAsync(emulator, options, BatchScenario.Suite(6));

        Assert.Equal(0, report.ErrorCount);
        var upload = Assert.Single(capture.Requests, r => r.Method == "POST" && r.Path == "/v1/files/upload");
        var fields = CapturingHandler.FormFields(upload.ContentType!, upload.Body!);
        Assert.Equal("batch-api", fields["purpose"]!.GetValue<string>());
        Assert.Matches("^ftk-batch\\.sha256-[0-9a-f]{32}\\.jsonl$", fields["file_name"]!.GetValue<string>());
        ContractAssert.Conforms(contract, OpenApiContract.RequestBodySchema("post", "/files/upload"), fields);
        var lines = fields["file"]!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(12, lines.Count);
        Assert.All(lines, l => Assert.Equal(["custom_id", "body"], l.Select(p => p.Key)));
        Assert.All(lines, l => Assert.Equal(200, l["body"]!["max_tokens"]!.GetValue<int>()));
        Assert.All(lines, l => ContractAssert.Conforms(contract, OpenApiContract.RequestBodySchema("post", "/chat/completions"), l["body"]!));
        var create = JsonNode.Parse(Assert.Single(capture.Requests, r => r.Method == "POST" && r.Path == "/v1/batches").Body!)!;
        Assert.Equal(["input_file_id", "endpoint", "completion_window"], create.AsObject().Select(p => p.Key));
        ContractAssert.Conforms(contract, OpenApiContract.RequestBodySchema("post", "/batches"), create);
        Assert.False(contract.Validate(OpenApiContract.RequestBodySchema("post", "/batches"), """{"endpoint":"/v1/chat/completions"}""").IsValid);
    }

    [SkippableFact]
    public async Task Batches_TogetherResponsesInEveryStatus_ConformToTogetherSpec()
    {
        var contract = ContractAssert.Require(OpenApiContract.LoadTogether());
        await using var emulator = await EmulatorScenario.StartFrozenAsync(dialect: EmulatorDialect.Together);
        using var http = new EmulatorHttp(emulator);
        var statuses = new HashSet<string>(StringComparer.Ordinal);

        var completed = await CreateAsync(http, contract, 4);
        Check(contract, completed, statuses);
        foreach (var step in new[] { 31, 600, 30 })
        {
            emulator.Clock.Advance(TimeSpan.FromSeconds(step));
            Check(contract, (await http.GetAsync("/v1/batches/" + completed["id"])).Body, statuses);
        }

        var done = (await http.GetAsync("/v1/batches/" + completed["id"])).Body;
        Assert.Equal(100.0, done["progress"]!.GetValue<double>());
        var output = await http.GetAsync($"/v1/files/{done["output_file_id"]}/content");
        var first = JsonNode.Parse(output.Text.Split('\n')[0])!;
        ContractAssert.Conforms(contract, "ChatCompletionResponse", first["response"]!["body"]!);
        var files = (await http.GetAsync("/v1/files")).Body;
        ContractAssert.Conforms(contract, "FileList", files);
        Assert.Contains(files["data"]!.AsArray(), f => f!["purpose"]!.GetValue<string>() == "batch-generated");

        var cancelled = await CreateAsync(http, contract, 4);
        emulator.Clock.Advance(TimeSpan.FromSeconds(60));
        Check(contract, (await http.PostAsync($"/v1/batches/{cancelled["id"]}/cancel")).Body, statuses);
        emulator.Clock.Advance(TimeSpan.FromSeconds(60));
        Check(contract, (await http.GetAsync("/v1/batches/" + cancelled["id"])).Body, statuses);
        var refused = await http.PostAsync($"/v1/batches/{cancelled["id"]}/cancel");
        Assert.Equal(400, refused.Status);
        ContractAssert.Conforms(contract, "BatchErrorResponse", refused.Body);

        var invalid = await http.UploadAsync("{\"custom_id\":\"x\"}\n", "bad.jsonl", "batch-api");
        var failed = await http.PostAsync("/v1/batches", new JsonObject { ["input_file_id"] = invalid.Id, ["endpoint"] = "/v1/chat/completions" });
        emulator.Clock.Advance(TimeSpan.FromSeconds(60));
        var failedJob = (await http.GetAsync("/v1/batches/" + failed.Body["job"]!["id"])).Body;
        Check(contract, failedJob, statuses);
        Assert.Contains("line 1", failedJob["error"]!.GetValue<string>(), StringComparison.Ordinal);

        var list = (await http.GetAsync("/v1/batches")).Body;
        ContractAssert.Conforms(contract, OpenApiContract.ResponseBodySchema("get", "/batches"), list);
        Assert.Equal(["CANCELLED", "COMPLETED", "FAILED", "IN_PROGRESS", "VALIDATING"], statuses.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Batches_TogetherExpiredBatchAndErrors_ConformToTogetherSpec()
    {
        var contract = ContractAssert.Require(OpenApiContract.LoadTogether());
        var options = new OpenAIEmulatorOptions { Dialect = EmulatorDialect.Together, SpeedFactor = 0, StartTime = TestWorld.Today };
        options.Batches.ValidationDuration = TimeSpan.Zero;
        options.Batches.ProcessingDuration = TimeSpan.FromHours(48);
        await using var emulator = await OpenAIEmulator.StartAsync(options);
        using var http = new EmulatorHttp(emulator);

        var batch = await CreateAsync(http, contract, 10, window: "48h");
        emulator.Clock.Advance(TimeSpan.FromHours(24));
        var expired = (await http.GetAsync("/v1/batches/" + batch["id"])).Body;

        ContractAssert.Conforms(contract, "BatchJob", expired);
        Assert.Equal("EXPIRED", expired["status"]!.GetValue<string>());
        Assert.Equal(50.0, expired["progress"]!.GetValue<double>());
        var errors = await http.GetAsync($"/v1/files/{expired["error_file_id"]}/content");
        Assert.Equal(5, errors.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("batch_expired", StringComparison.Ordinal)));

        var fineTuneFile = await http.UploadAsync(Line.Replace("{0}", "0", StringComparison.Ordinal), "ft.jsonl", "fine-tune");
        var wrongPurpose = await http.PostAsync("/v1/batches", new JsonObject { ["input_file_id"] = fineTuneFile.Id, ["endpoint"] = "/v1/chat/completions" });
        var missing = await http.GetAsync("/v1/batches/00000000-0000-0000-0000-000000000000");
        Assert.Equal(400, wrongPurpose.Status);
        ContractAssert.Conforms(contract, "BatchErrorResponse", wrongPurpose.Body);
        Assert.Equal(404, missing.Status);
        ContractAssert.Conforms(contract, "BatchErrorResponse", missing.Body);
    }

    /// <summary>Uploads a request file with purpose <c>batch-api</c> and creates its batch; returns the job of the 201 answer.</summary>
    private static async Task<JsonNode> CreateAsync(EmulatorHttp http, OpenApiContract contract, int requests, string? window = "24h")
    {
        var content = string.Join("\n", Enumerable.Range(0, requests).Select(i => Line.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        var file = await http.UploadAsync(content, "requests.jsonl", "batch-api");
        ContractAssert.Conforms(contract, "FileResponse", file.Body);
        var request = new JsonObject { ["input_file_id"] = file.Id, ["endpoint"] = "/v1/chat/completions", ["completion_window"] = window };
        ContractAssert.Conforms(contract, OpenApiContract.RequestBodySchema("post", "/batches"), request);
        var created = await http.PostAsync("/v1/batches", request);
        Assert.True(created.Status == 201, created.Text);
        ContractAssert.Conforms(contract, "BatchJobWithWarning", created.Body);
        Assert.Equal(window != "24h", created.Body["warning"] is not null);
        return created.Body["job"]!;
    }

    private static void Check(OpenApiContract contract, JsonNode body, HashSet<string> statuses)
    {
        ContractAssert.Conforms(contract, "BatchJob", body);
        Assert.Null(body["metadata"]);
        Assert.Null(body["request_counts"]);
        statuses.Add(body["status"]!.GetValue<string>());
    }
}
