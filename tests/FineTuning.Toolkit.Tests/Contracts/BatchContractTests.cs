using System.Text.Json.Nodes;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Tests.Testing;

namespace FineTuning.Toolkit.Tests.Contracts;

/// <summary>The emulator's Batch API responses in every status, validated against the official OpenAI spec.</summary>
public sealed class BatchContractTests
{
    private const string Line = """{"custom_id":"req-{0}","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini-2024-07-18","messages":[{"role":"user","content":"How do I reset my password? {0}"}]}}""";

    [SkippableFact]
    public async Task Batches_ResponseBodiesInEveryStatus_ConformToSpec()
    {
        var contract = OpenApiContract.Load();
        Skip.If(contract is null, OpenApiContract.MissingSpecReason);
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { SpeedFactor = 0, StartTime = TestWorld.Today });
        emulator.Faults.Clear();
        using var http = new EmulatorHttp(emulator);
        var statuses = new HashSet<string>();

        var completed = await CreateAsync(http, 4);
        Check(contract!, completed.Body, statuses);
        foreach (var step in new[] { 31, 600, 30 })
        {
            emulator.Clock.Advance(TimeSpan.FromSeconds(step));
            Check(contract!, (await http.GetAsync("/v1/batches/" + completed.Id)).Body, statuses);
        }

        var cancelled = await CreateAsync(http, 4);
        emulator.Clock.Advance(TimeSpan.FromSeconds(60));
        Check(contract!, (await http.PostAsync($"/v1/batches/{cancelled.Id}/cancel")).Body, statuses);
        emulator.Clock.Advance(TimeSpan.FromSeconds(60));
        Check(contract!, (await http.GetAsync("/v1/batches/" + cancelled.Id)).Body, statuses);

        var invalid = await http.UploadAsync("{\"custom_id\":\"x\"}\n", "bad.jsonl", "batch");
        var failed = await http.PostAsync("/v1/batches", new JsonObject { ["input_file_id"] = invalid.Id, ["endpoint"] = "/v1/chat/completions", ["completion_window"] = "24h" });
        emulator.Clock.Advance(TimeSpan.FromSeconds(60));
        Check(contract!, (await http.GetAsync("/v1/batches/" + failed.Id)).Body, statuses);

        var expiring = await CreateAsync(http, 4);
        emulator.Clock.Advance(TimeSpan.FromHours(25));
        var list = await http.GetAsync("/v1/batches?limit=10");
        var result = contract!.Validate("ListBatchesResponse", list.Body, allowDeviations: false);
        Assert.True(result.IsValid, result + "\n" + list.Text);
        Assert.Equal(["cancelled", "cancelling", "completed", "failed", "finalizing", "in_progress", "validating"], statuses.Order(StringComparer.Ordinal));
        Assert.Equal("completed", list.Body["data"]!.AsArray().Single(b => b!["id"]!.GetValue<string>() == expiring.Id)!["status"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Batches_ExpiredBatch_ConformsToSpecWithRequestsSplitBetweenOutputAndErrorFiles()
    {
        var contract = OpenApiContract.Load();
        Skip.If(contract is null, OpenApiContract.MissingSpecReason);
        var options = new OpenAIEmulatorOptions { SpeedFactor = 0, StartTime = TestWorld.Today };
        options.Batches.ProcessingDuration = TimeSpan.FromHours(48);
        options.Batches.ValidationDuration = TimeSpan.Zero;
        await using var emulator = await OpenAIEmulator.StartAsync(options);
        using var http = new EmulatorHttp(emulator);

        var batch = await CreateAsync(http, 10);
        emulator.Clock.Advance(TimeSpan.FromHours(24));
        var expired = await http.GetAsync("/v1/batches/" + batch.Id);

        var result = contract!.Validate("Batch", expired.Body, allowDeviations: false);
        Assert.True(result.IsValid, result + "\n" + expired.Text);
        Assert.Equal("expired", expired.Body["status"]!.GetValue<string>());
        Assert.Equal(5, expired.Body["request_counts"]!["completed"]!.GetValue<int>());
        Assert.Equal(5, expired.Body["request_counts"]!["failed"]!.GetValue<int>());
        var errors = await http.GetAsync($"/v1/files/{expired.Body["error_file_id"]!.GetValue<string>()}/content");
        Assert.Equal(5, errors.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.Contains("batch_expired", StringComparison.Ordinal)));
        var output = await http.GetAsync($"/v1/files/{expired.Body["output_file_id"]!.GetValue<string>()}/content");
        var first = JsonNode.Parse(output.Text.Split('\n')[0])!;
        Assert.Equal(200, first["response"]!["status_code"]!.GetValue<int>());
        var completion = contract.Validate("CreateChatCompletionResponse", first["response"]!["body"], allowDeviations: false);
        Assert.True(completion.IsValid, completion + "\n" + output.Text);
    }

    private static async Task<EmulatorResponse> CreateAsync(EmulatorHttp http, int requests)
    {
        var content = string.Join("\n", Enumerable.Range(0, requests).Select(i => Line.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        var file = await http.UploadAsync(content, "requests.jsonl", "batch");
        Assert.Equal(200, file.Status);
        var batch = await http.PostAsync("/v1/batches", new JsonObject
        {
            ["input_file_id"] = file.Id,
            ["endpoint"] = "/v1/chat/completions",
            ["completion_window"] = "24h",
            ["metadata"] = new JsonObject { ["purpose"] = "contract test" },
        });
        Assert.True(batch.Status == 200, batch.Text);
        return batch;
    }

    private static void Check(OpenApiContract contract, JsonNode body, HashSet<string> statuses)
    {
        var result = contract.Validate("Batch", body, allowDeviations: false);
        Assert.True(result.IsValid, result + "\n" + body.ToJsonString());
        statuses.Add(body["status"]!.GetValue<string>());
    }
}
