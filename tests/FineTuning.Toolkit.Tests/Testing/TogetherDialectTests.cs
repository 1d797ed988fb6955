using System.Text.Json.Nodes;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Tests.Testing;

public sealed class TogetherDialectTests
{
    private const string Llama = "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference";

    private static async Task<(OpenAIEmulator Emulator, EmulatorHttp Http)> StartAsync()
    {
        var emulator = await EmulatorScenario.StartFrozenAsync(dialect: EmulatorDialect.Together);
        return (emulator, new EmulatorHttp(emulator));
    }

    private static async Task<EmulatorResponse> CreateAsync(OpenAIEmulator emulator, EmulatorHttp http, JsonObject? extra = null)
    {
        var file = await http.UploadAsync(TechFlowTrainingData.ToJsonl());
        Assert.True(file.Status == 200, file.Text);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        var body = new JsonObject { ["model"] = Llama, ["training_file"] = file.Id, ["suffix"] = "techflow", ["n_epochs"] = 3, ["n_checkpoints"] = 3 };
        foreach (var (key, value) in extra ?? [])
        {
            body[key] = value?.DeepClone();
        }

        return await http.PostAsync("/v1/fine-tunes", body);
    }

    private static Task<EmulatorResponse> ChatAsync(EmulatorHttp http, string model) =>
        http.PostAsync("/v1/chat/completions", new JsonObject { ["model"] = model, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "How do I reset my password?" }) });

    [Fact]
    public async Task Files_Upload_UsesTogethersShapeAndIsProcessedLater()
    {
        var (emulator, http) = await StartAsync();
        await using (emulator)
        using (http)
        {
            var file = await http.UploadAsync(TechFlowTrainingData.ToJsonl(), "techflow.jsonl");

            Assert.Equal("techflow.jsonl", file.Body["filename"]!.GetValue<string>());
            Assert.Equal("jsonl", file.Body["FileType"]!.GetValue<string>());
            Assert.False(file.Body["Processed"]!.GetValue<bool>());
            Assert.Equal(TechFlowTrainingData.Examples.Length, file.Body["LineCount"]!.GetValue<int>());
            emulator.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.True((await http.GetAsync($"/v1/files/{file.Id}")).Body["Processed"]!.GetValue<bool>());
            Assert.Single((await http.GetAsync("/v1/files")).Body["data"]!.AsArray());
        }
    }

    [Fact]
    public async Task FineTunes_Timeline_GoesThroughTogethersStatusesToCompleted()
    {
        var (emulator, http) = await StartAsync();
        await using (emulator)
        using (http)
        {
            var created = await CreateAsync(emulator, http, new JsonObject { ["learning_rate"] = 2e-4, ["training_type"] = new JsonObject { ["type"] = "Lora", ["lora_r"] = 16, ["lora_alpha"] = 32 } });
            Assert.True(created.Status == 200, created.Text);
            Assert.StartsWith("ft-", created.Id, StringComparison.Ordinal);
            Assert.Equal("pending", created.Body["status"]!.GetValue<string>());
            Assert.Equal(16, created.Body["training_type"]!["lora_r"]!.GetValue<int>());
            Assert.Equal(2e-4, created.Body["learning_rate"]!.GetValue<double>());
            Assert.Equal("sft", created.Body["training_method"]!["method"]!.GetValue<string>());

            var seen = new List<string>();
            for (var i = 0; i < 200 && !seen.Contains("completed"); i++)
            {
                var status = (await http.GetAsync($"/v1/fine-tunes/{created.Id}")).Body["status"]!.GetValue<string>();
                if (seen.Count == 0 || seen[^1] != status)
                {
                    seen.Add(status);
                }

                emulator.Clock.Advance(TimeSpan.FromSeconds(20));
            }

            Assert.Equal(["pending", "queued", "running", "compressing", "uploading", "completed"], seen);
            var events = (await http.GetAsync($"/v1/fine-tunes/{created.Id}/events")).Body["data"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
            Assert.Equal("job_pending", events[0]);
            Assert.Equal(3, events.Count(t => t == "epoch_complete"));
            Assert.Equal("job_complete", events[^1]);
            var checkpoints = (await http.GetAsync($"/v1/fine-tunes/{created.Id}/checkpoints")).Body["data"]!.AsArray();
            Assert.Equal(3, checkpoints.Count);
            Assert.Equal("Final", checkpoints[0]!["checkpoint_type"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Chat_LlamaModel_EndsWithEosAndTheOutputModelAnswersOnlyWhenCompleted()
    {
        var (emulator, http) = await StartAsync();
        await using (emulator)
        using (http)
        {
            var baseAnswer = await ChatAsync(http, Llama);
            Assert.Equal("eos", baseAnswer.Body["choices"]![0]!["finish_reason"]!.GetValue<string>());
            Assert.NotNull(baseAnswer.Body["prompt"]);
            Assert.Equal("stop", (await ChatAsync(http, "openai/gpt-oss-20b")).Body["choices"]![0]!["finish_reason"]!.GetValue<string>());

            var created = await CreateAsync(emulator, http);
            var output = created.Body["model_output_name"]!.GetValue<string>();
            Assert.StartsWith("emulator-org/Meta-Llama-3.1-8B-Instruct-Reference-techflow-", output, StringComparison.Ordinal);
            emulator.Clock.Advance(TimeSpan.FromMinutes(22));
            Assert.Equal("compressing", (await http.GetAsync($"/v1/fine-tunes/{created.Id}")).Body["status"]!.GetValue<string>());
            Assert.Equal(404, (await ChatAsync(http, output)).Status);

            emulator.Clock.Advance(TimeSpan.FromMinutes(5));
            Assert.Equal(200, (await ChatAsync(http, output)).Status);
            Assert.Contains((await http.GetAsync("/v1/models")).Json!.AsArray(), m => m!["id"]!.GetValue<string>() == output);
        }
    }

    [Fact]
    public async Task OpenAISdkChatClient_LlamaAnswerEndingWithEos_ThrowsAsUpstreamReports()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync(dialect: EmulatorDialect.Together);
        var chat = emulator.CreateOpenAIClient().GetChatClient(Llama);

        // openai-dotnet#267: the SDK's ChatFinishReason has no "eos", so a Together client must read the raw body.
        var thrown = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => chat.CompleteChatAsync([new OpenAI.Chat.UserChatMessage("How do I reset my password?")]));
        Assert.Contains("eos", thrown.Message, StringComparison.Ordinal);
        Assert.NotNull((await emulator.CreateOpenAIClient().GetChatClient("openai/gpt-oss-20b").CompleteChatAsync([new OpenAI.Chat.UserChatMessage("Hi")])).Value);
    }

    [Fact]
    public async Task Cancel_RunningJob_IsCancelRequestedThenCancelled()
    {
        var (emulator, http) = await StartAsync();
        await using (emulator)
        using (http)
        {
            var created = await CreateAsync(emulator, http);
            emulator.Clock.Advance(TimeSpan.FromMinutes(5));

            var cancelling = await http.PostAsync($"/v1/fine-tunes/{created.Id}/cancel");
            Assert.Equal("cancel_requested", cancelling.Body["status"]!.GetValue<string>());
            emulator.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal("cancelled", (await http.GetAsync($"/v1/fine-tunes/{created.Id}")).Body["status"]!.GetValue<string>());
            Assert.Equal(400, (await http.PostAsync($"/v1/fine-tunes/{created.Id}/cancel")).Status);
        }
    }

    [Theory]
    [InlineData("""{"training_type":{"type":"Lora","lora_r":12,"lora_alpha":8}}""", "training_type")]
    [InlineData("""{"training_method":{"method":"rl"}}""", "training_method")]
    [InlineData("""{"n_checkpoints":5}""", "n_checkpoints")]
    [InlineData("""{"learning_rate":0.5}""", "learning_rate")]
    [InlineData("""{"model":"gpt-4o-mini-2024-07-18"}""", "model")]
    public async Task FineTunes_InvalidParameters_AreRefusedNamingTheParameter(string extra, string param)
    {
        var (emulator, http) = await StartAsync();
        await using (emulator)
        using (http)
        {
            var refused = await CreateAsync(emulator, http, JsonNode.Parse(extra)!.AsObject());

            Assert.Equal(400, refused.Status);
            Assert.Equal(param, refused.Body["error"]!["param"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Credentials_WrongKeyOrOpenAIRoutes_GetTogethersAnswers()
    {
        var (emulator, http) = await StartAsync();
        await using (emulator)
        using (http)
        {
            using var wrong = new EmulatorHttp(emulator, apiKey: "sk-emulator-local-test-key");
            var refused = await wrong.GetAsync("/v1/fine-tunes");
            Assert.Equal(401, refused.Status);
            Assert.Equal("invalid_api_key", refused.Body["error"]!["code"]!.GetValue<string>());
            Assert.Contains("api.together.xyz", refused.Body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(404, (await http.GetAsync("/v1/fine_tuning/jobs")).Status);
        }
    }
}
