using System.ClientModel;
using System.Text;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Validation;
using OpenAI;
using OpenAI.Chat;

namespace FineTuning.Toolkit.Tests.Testing;

public sealed class EmulatorModelsAndChatTests
{
    [Fact]
    public async Task Chat_Usage_CountsPromptAndCompletionWithTheRealTokenizer()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        const string Question = "Can I get a refund for last month?";

        var response = (await http.PostAsync("/v1/chat/completions", new JsonObject
        {
            ["model"] = "gpt-4o-mini",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = TechFlowTrainingData.SystemPrompt },
                new JsonObject { ["role"] = "user", ["content"] = Question }),
        })).Body;

        var counter = TokenCounter.ForModel("gpt-4o-mini");
        var expectedPrompt = 3 + (3 + counter.CountTokens("system") + counter.CountTokens(TechFlowTrainingData.SystemPrompt)) + (3 + counter.CountTokens("user") + counter.CountTokens(Question));
        var answer = response["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        Assert.Equal(expectedPrompt, response["usage"]!["prompt_tokens"]!.GetValue<int>());
        Assert.Equal(counter.CountTokens(answer), response["usage"]!["completion_tokens"]!.GetValue<int>());
        Assert.Equal(expectedPrompt + counter.CountTokens(answer), response["usage"]!["total_tokens"]!.GetValue<int>());
        Assert.Equal("stop", response["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chat_MaxCompletionTokens_TruncatesWithFinishReasonLength()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);

        var response = (await http.PostAsync("/v1/chat/completions", new JsonObject
        {
            ["model"] = "gpt-4o-mini",
            ["max_completion_tokens"] = 5,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "How do I export my data?" }),
        })).Body;

        Assert.Equal("length", response["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.InRange(response["usage"]!["completion_tokens"]!.GetValue<int>(), 1, 5);
    }

    [Fact]
    public async Task Chat_StreamingWithTheOfficialSdk_ReassemblesTheSameAnswer()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        var chat = new OpenAIClient(new ApiKeyCredential(emulator.ApiKey), new OpenAIClientOptions { Endpoint = emulator.Endpoint }).GetChatClient("gpt-4o-mini");
        ChatMessage[] messages = [new UserChatMessage("Your service is down!")];

        var whole = (await chat.CompleteChatAsync(messages)).Value.Content[0].Text;
        var streamed = new StringBuilder();
        await foreach (var update in chat.CompleteChatStreamingAsync(messages))
        {
            foreach (var part in update.ContentUpdate)
            {
                streamed.Append(part.Text);
            }
        }

        Assert.Equal(whole, streamed.ToString());
    }

    [Fact]
    public async Task Chat_UnknownModelOrMissingMessages_ReturnsOpenAIErrors()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);

        var unknown = await http.PostAsync("/v1/chat/completions", new JsonObject { ["model"] = "ft:gpt-4o-mini:x::nope", ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }) });
        var noMessages = await http.PostAsync("/v1/chat/completions", new JsonObject { ["model"] = "gpt-4o-mini" });

        Assert.Equal(404, unknown.Status);
        Assert.Equal("model", unknown.Body["error"]!["param"]!.GetValue<string>());
        Assert.Equal(400, noMessages.Status);
    }

    [Fact]
    public async Task Models_DeleteBaseModel_IsForbiddenAndUnknownModelIsNotFound()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);

        Assert.Equal(403, (await http.DeleteAsync("/v1/models/gpt-4o-mini")).Status);
        Assert.Equal(404, (await http.GetAsync("/v1/models/not-a-model")).Status);
        Assert.Equal(404, (await http.DeleteAsync("/v1/models/ft:gpt-4o-mini:x::y")).Status);
        Assert.Equal(200, (await http.GetAsync("/v1/models/gpt-4o-mini")).Status);
    }

    [Fact]
    public async Task UnknownUrl_Returns404InvalidUrlAndIsLogged()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);

        var response = await http.GetAsync("/v1/assistants");

        Assert.Equal(404, response.Status);
        Assert.Equal("Invalid URL (GET /v1/assistants)", response.Body["error"]!["message"]!.GetValue<string>());
        Assert.Equal(1, emulator.Requests.Count("GET", "/v1/assistants", 404));
        Assert.True(response.Headers.ContainsKey("x-request-id"));
    }
}
