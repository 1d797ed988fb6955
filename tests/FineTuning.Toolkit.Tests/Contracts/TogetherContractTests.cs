using System.Text.Json.Nodes;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Tests.Testing;

namespace FineTuning.Toolkit.Tests.Contracts;

/// <summary>The emulator's Together AI responses (and the request bodies a Together client sends) checked against
/// Together's official spec (<c>../shared/contracts/together-openapi.yaml</c>), with its documented deviation only.</summary>
public sealed class TogetherContractTests
{
    private static OpenApiContract RequireContract() => ContractAssert.Require(OpenApiContract.LoadTogether());

    [SkippableFact]
    public void Spec_NullableKeyword_IsReadAsNullAllowed()
    {
        var contract = RequireContract();

        ContractAssert.Conforms(contract, "ChatCompletionMessage", JsonNode.Parse("""{"role":"assistant","content":null}""")!);
        Assert.False(contract.Validate("ChatCompletionMessage", """{"role":"assistant","content":42}""").IsValid);
        Assert.False(contract.Validate("ErrorData", """{"error":{"message":null,"type":"x"}}""").IsValid);
    }

    [SkippableFact]
    public async Task FilesAndJobsInEveryStatus_ResponseBodies_ConformToTogetherSpec()
    {
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync(dialect: EmulatorDialect.Together);
        using var http = new EmulatorHttp(emulator);
        var file = await http.UploadAsync(TechFlowTrainingData.ToJsonl());
        ContractAssert.Conforms(contract, "FileResponse", file.Body);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        ContractAssert.Conforms(contract, "FileList", (await http.GetAsync("/v1/files")).Body);

        var created = await http.PostAsync("/v1/fine-tunes", new JsonObject
        {
            ["model"] = "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference",
            ["training_file"] = file.Id,
            ["n_epochs"] = 2,
            ["n_checkpoints"] = 2,
            ["training_type"] = new JsonObject { ["type"] = "Lora", ["lora_r"] = 8, ["lora_alpha"] = 16 },
        });
        var strict = contract.Validate("FinetuneResponseTruncated", created.Body, allowDeviations: false);
        Assert.False(strict.IsValid);
        Assert.All(strict.Violations, v => Assert.StartsWith("/training_method", v.InstanceLocation, StringComparison.Ordinal));
        var tolerant = contract.Validate("FinetuneResponseTruncated", created.Body, allowDeviations: true);
        Assert.True(tolerant.IsValid, tolerant.ToString());
        Assert.Equal([ContractDeviations.TogetherTrainOnInputsAuto], tolerant.AppliedDeviations);
        var openAIWord = created.Body.DeepClone();
        openAIWord["status"] = "succeeded";
        Assert.False(contract.Validate("FinetuneResponseTruncated", openAIWord, allowDeviations: true).IsValid);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 120 && !seen.Contains("completed"); i++)
        {
            var job = (await http.GetAsync($"/v1/fine-tunes/{created.Id}")).Body;
            seen.Add(job["status"]!.GetValue<string>());
            ContractAssert.Conforms(contract, "FinetuneResponse", job, allowDeviations: true);
            emulator.Clock.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Superset(new HashSet<string> { "pending", "queued", "running", "compressing", "uploading", "completed" }, seen);
        ContractAssert.Conforms(contract, "FinetuneTruncatedList", (await http.GetAsync("/v1/fine-tunes")).Body, allowDeviations: true);
        ContractAssert.Conforms(contract, "FinetuneListEvents", (await http.GetAsync($"/v1/fine-tunes/{created.Id}/events")).Body);
        ContractAssert.Conforms(contract, "FinetuneListCheckpoints", (await http.GetAsync($"/v1/fine-tunes/{created.Id}/checkpoints")).Body);
        ContractAssert.Conforms(contract, "FileDeleteResponse", (await http.DeleteAsync($"/v1/files/{file.Id}")).Body);
    }

    [SkippableFact]
    public async Task CancelAndDpo_ResponseBodies_ConformToTogetherSpec()
    {
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync(dialect: EmulatorDialect.Together);
        using var http = new EmulatorHttp(emulator);
        var file = await http.UploadAsync(TechFlowTrainingData.ToJsonl());
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        var created = await http.PostAsync("/v1/fine-tunes", new JsonObject
        {
            ["model"] = "openai/gpt-oss-20b",
            ["training_file"] = file.Id,
            ["training_method"] = new JsonObject { ["method"] = "sft", ["train_on_inputs"] = false },
            ["training_type"] = new JsonObject { ["type"] = "Full" },
        });
        ContractAssert.Conforms(contract, "FinetuneResponseTruncated", created.Body);

        var cancelled = await http.PostAsync($"/v1/fine-tunes/{created.Id}/cancel");
        Assert.Equal("cancel_requested", cancelled.Body["status"]!.GetValue<string>());
        ContractAssert.Conforms(contract, "FinetuneResponseTruncated", cancelled.Body);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        ContractAssert.Conforms(contract, "FinetuneResponse", (await http.GetAsync($"/v1/fine-tunes/{created.Id}")).Body);
    }

    [SkippableFact]
    public async Task ChatAndErrors_ResponseBodies_ConformToTogetherSpec()
    {
        var contract = RequireContract();
        await using var emulator = await EmulatorScenario.StartFrozenAsync(dialect: EmulatorDialect.Together);
        using var http = new EmulatorHttp(emulator);

        var chat = await http.PostAsync("/v1/chat/completions", new JsonObject
        {
            ["model"] = "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "How do I reset my password?" }),
        });
        ContractAssert.Conforms(contract, "ChatCompletionResponse", chat.Body);
        Assert.Equal("eos", chat.Body["choices"]![0]!["finish_reason"]!.GetValue<string>());

        using var wrong = new EmulatorHttp(emulator, apiKey: "wrong");
        ContractAssert.Conforms(contract, "ErrorData", (await wrong.GetAsync("/v1/fine-tunes")).Body);
        ContractAssert.Conforms(contract, "ErrorData", (await http.PostAsync("/v1/fine-tunes", new JsonObject { ["model"] = "x" })).Body);
    }

    [SkippableFact]
    public void CreateJobRequest_TogetherClientBody_ConformsToTheRequestSchema()
    {
        var contract = RequireContract();
        var request = JsonNode.Parse("""
            {"model":"meta-llama/Meta-Llama-3.1-8B-Instruct-Reference","training_file":"file-1","n_epochs":3,"n_checkpoints":1,
             "learning_rate":0.0001,"suffix":"techflow","training_method":{"method":"dpo","dpo_beta":0.1},
             "training_type":{"type":"Lora","lora_r":8,"lora_alpha":16,"lora_dropout":0.0,"lora_trainable_modules":"all-linear"}}
            """)!;
        var schema = OpenApiContract.RequestBodySchema("post", "/fine-tunes");

        ContractAssert.Conforms(contract, schema, request);
        Assert.False(contract.Validate(schema, """{"model":"m"}""").IsValid);
        Assert.False(contract.Validate(schema, """{"model":"m","training_file":"f","training_type":{"type":"Lora"}}""").IsValid);
    }
}
