using System.ClientModel.Primitives;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Providers;
using FineTuning.Toolkit.Providers.Together;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FineTuning.Toolkit.Tests.Providers.Together;

public sealed class TogetherProviderTests
{
    private const string TogetherKey = "together-only-key-0123456789";
    private const string OpenAIKey = "sk-openai-only-0123456789";

    private static (FineTuneJobRunner Runner, FineTuneJobRunnerOptions Options, RecordingHandler Handler) Runner(string provider = "together", string key = TogetherKey)
    {
        var handler = new RecordingHandler();
        var options = new FineTuneJobRunnerOptions { Provider = provider, ApiKey = key, Transport = new HttpClientPipelineTransport(new HttpClient(handler)) };
        return (new FineTuneJobRunner(options), options, handler);
    }

    [Fact]
    public async Task TogetherRunnerAndChatClient_Key_GoesOnlyToTheTogetherHostAsBearer()
    {
        var (runner, options, handler) = Runner();

        await foreach (var _ in runner.ListJobsAsync())
        {
        }

        using var chat = TogetherChatClient.Create(options, TogetherLab.Llama);
        await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal(new Uri("https://api.together.xyz/v1/"), runner.Endpoint);
        Assert.Equal(["/v1/fine-tunes", "/v1/chat/completions"], handler.Requests.Select(r => r.Path));
        Assert.All(handler.Requests, r => Assert.Equal("api.together.xyz", r.Host));
        Assert.All(handler.Requests, r => Assert.Equal("Bearer " + TogetherKey, r.Authorization));
        Assert.All(handler.Requests, r => Assert.Null(r.ApiKeyHeader));
    }

    [Fact]
    public void ChatClientCreate_OptionsOfAnotherProvider_NeverBorrowsTheirKey()
    {
        var (_, options, handler) = Runner("openai", OpenAIKey);

        var error = Assert.Throws<ArgumentException>("options", () => TogetherChatClient.Create(options, TogetherLab.Llama));

        Assert.Contains("together", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OpenAIKey, error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [SkippableFact]
    public void Runner_TogetherWithoutAKey_FailsNamingTogethersVariable()
    {
        Skip.If(Environment.GetEnvironmentVariable("TOGETHER_API_KEY") is { Length: > 0 }, "TOGETHER_API_KEY is set in this environment.");

        var error = Assert.Throws<InvalidOperationException>(() => new FineTuneJobRunner(new FineTuneJobRunnerOptions { Provider = "together" }));
        var chatError = Assert.Throws<InvalidOperationException>(() => TogetherChatClient.Create(new FineTuneJobRunnerOptions { Provider = "together" }, TogetherLab.Llama));

        Assert.Contains("TOGETHER_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Contains("TOGETHER_API_KEY", chatError.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HyperparameterTheProviderDoesNotAccept_FailsBeforeAnyCall()
    {
        var (together, _, togetherCalls) = Runner();
        var (openAI, _, openAICalls) = Runner("openai", OpenAIKey);

        var multiplier = await Assert.ThrowsAsync<ArgumentException>("request", () => together.RunAsync(FineTuneRequest.For(TogetherLab.Llama).WithTrainingFileId("file-1").WithLearningRateMultiplier(2)));
        var metadata = await Assert.ThrowsAsync<ArgumentException>("request", () => together.RunAsync(FineTuneRequest.For(TogetherLab.Llama).WithTrainingFileId("file-1").WithMetadata("team", "support")));
        var lora = await Assert.ThrowsAsync<ArgumentException>("request", () => openAI.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFileId("file-1").WithLora(8, 16)));
        var checkpoints = await Assert.ThrowsAsync<ArgumentException>("request", () => openAI.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFileId("file-1").WithCheckpoints(2)));

        Assert.Contains("Together AI does not accept learning_rate_multiplier (set by WithLearningRateMultiplier)", multiplier.Message, StringComparison.Ordinal);
        Assert.Contains("WithLearningRate", multiplier.Message, StringComparison.Ordinal);
        Assert.Contains("metadata", metadata.Message, StringComparison.Ordinal);
        Assert.Contains("lora_r (set by WithLora)", lora.Message, StringComparison.Ordinal);
        Assert.Contains("n_checkpoints", checkpoints.Message, StringComparison.Ordinal);
        Assert.Empty(togetherCalls.Requests);
        Assert.Empty(openAICalls.Requests);
    }

    [Fact]
    public async Task PauseAndResume_OnTogether_ThrowNotSupportedNamingTheProvider()
    {
        var (runner, _, handler) = Runner();

        var pause = await Assert.ThrowsAsync<NotSupportedException>(() => runner.PauseAsync("ft-1"));
        var resume = await Assert.ThrowsAsync<NotSupportedException>(() => runner.ResumeAsync("ft-1"));

        Assert.Contains("Together AI", pause.Message, StringComparison.Ordinal);
        Assert.Contains("resume", resume.Message, StringComparison.Ordinal);
        Assert.False(runner.Capabilities.SupportsPause);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void FinishReason_Eos_IsStop()
    {
        Assert.Equal(ChatFinishReason.Stop, TogetherChatClient.MapFinishReason("eos"));
        Assert.Equal(ChatFinishReason.Stop, TogetherChatClient.MapFinishReason("stop"));
        Assert.Equal(ChatFinishReason.Length, TogetherChatClient.MapFinishReason("length"));
        Assert.Null(TogetherChatClient.MapFinishReason(null));
    }

    [Fact]
    public void TogetherSettings_OutOfRangeOrSwitched_AreRefusedOrReplaced()
    {
        var request = FineTuneRequest.For(TogetherLab.Llama);

        Assert.Throws<ArgumentOutOfRangeException>("rank", () => request.WithLora(0, 16));
        Assert.Throws<ArgumentOutOfRangeException>("alpha", () => request.WithLora(8, 0));
        Assert.Throws<ArgumentOutOfRangeException>("dropout", () => request.WithLora(8, 16, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => request.WithCheckpoints(0));
        Assert.Throws<ArgumentOutOfRangeException>("rate", () => request.WithLearningRate(double.NaN));
        Assert.Null(request.WithLearningRate(1e-5).WithLearningRateMultiplier(2).LearningRate);
        Assert.Null(request.WithLearningRateMultiplier(2).WithLearningRate(1e-5).LearningRateMultiplier);
        var lora = request.WithLora(16, 32, 0.1).WithCheckpoints(2);
        Assert.Equal((16, 32, 0.1, 2), (lora.LoraRank, lora.LoraAlpha, lora.LoraDropout, lora.CheckpointCount));
        Assert.Null(request.LoraRank); // immutable
    }

    [Fact]
    public void Lifecycle_EveryModelTheTogetherEmulatorFineTunes_IsInTheCatalogWithASource()
    {
        var emulated = new OpenAIEmulatorOptions { Dialect = EmulatorDialect.Together }.FineTunableModels;

        Assert.NotEmpty(emulated);
        Assert.All(emulated, model =>
        {
            Assert.True(ModelLifecycleCatalog.Default.TryGet(ModelLifecycleCatalog.Together, model, out var entry), model);
            Assert.Equal("docs.together.ai", entry!.Source.Host);
        });
    }

    [Fact]
    public async Task KeyedTogetherBesideOpenAI_EachKey_GoesOnlyToItsOwnHost()
    {
        var handler = new RecordingHandler();
        var transport = new HttpClientPipelineTransport(new HttpClient(handler));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFineTuningToolkit(o => (o.Runner.ApiKey, o.Runner.Transport) = (OpenAIKey, transport));
        builder.Services.AddKeyedFineTuningToolkit("together", o => (o.Runner.Provider, o.Runner.ApiKey, o.Runner.Transport) = ("together", TogetherKey, transport));
        using var host = builder.Build();
        await host.StartAsync();

        await foreach (var _ in host.Services.GetRequiredService<FineTuneJobRunner>().ListJobsAsync())
        {
        }

        var together = host.Services.GetRequiredKeyedService<FineTuneJobRunner>("together");
        await foreach (var _ in together.ListJobsAsync())
        {
        }

        Assert.Equal("together", together.Capabilities.Name);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests.Where(r => r.Host == "api.together.xyz"), r => Assert.Equal("Bearer " + TogetherKey, r.Authorization));
        Assert.All(handler.Requests.Where(r => r.Host == "api.openai.com"), r => Assert.Equal("Bearer " + OpenAIKey, r.Authorization));
        Assert.Single(handler.Requests, r => r.Host == "api.together.xyz" && r.Path == "/v1/fine-tunes");
        await host.StopAsync();
    }
}
