using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FineTuning.Toolkit.Tests.Testing;

public sealed class OpenAIEmulatorTests
{
    [Fact]
    public async Task CreateOpenAIClient_PointsTheSdkAtTheEmulatorWithItsKey()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();

        var model = (await emulator.CreateOpenAIClient().GetOpenAIModelClient().GetModelAsync("gpt-4o-mini")).Value;

        Assert.Equal("system", model.OwnedBy);
        Assert.Equal(1, emulator.Requests.Count("GET", "/v1/models/{model}", 200));
    }

    [Fact]
    public async Task LoggerFactory_Set_LogsStartJobsFaultsAndRejectionsWithoutTheKey()
    {
        using var provider = new FakeLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.AddProvider(provider).SetMinimumLevel(LogLevel.Debug));
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { SpeedFactor = 0, StartTime = TestWorld.Today, LoggerFactory = factory, ApiKey = "sk-secret-value-42" });
        using var http = new EmulatorHttp(emulator);
        using var intruder = new EmulatorHttp(emulator, apiKey: "sk-other-value");
        emulator.Faults.Enqueue("GET", "/v1/files", EmulatorFault.InternalServerError());

        await http.GetAsync("/v1/files");
        await intruder.GetAsync("/v1/files");
        await EmulatorScenario.RunToEndAsync(emulator, http, await EmulatorScenario.CreateJobAsync(http, await EmulatorScenario.UploadProcessedAsync(emulator, http)));

        var records = provider.Collector.GetSnapshot();
        Assert.Contains(records, r => r.Id.Id == 6000);
        Assert.Contains(records, r => r.Id.Id == 6001);
        Assert.Contains(records, r => r.Id.Id == 6002 && r.Message.EndsWith("succeeded", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Id.Id == 6003 && r.Message.Contains("InternalServerError", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Id.Id == 6004);
        Assert.DoesNotContain(records, r => r.Message.Contains("sk-secret-value-42", StringComparison.Ordinal) || r.Message.Contains("sk-other-value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DisposeAsync_RequestStillWaitingOnSlowResponse_StopsWithinSeconds()
    {
        var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator, timeout: TimeSpan.FromMinutes(5));
        emulator.Faults.Enqueue("GET", "/v1/files", EmulatorFault.SlowResponse(TimeSpan.FromMinutes(10)));
        var pending = http.GetAsync("/v1/files");
        Assert.True(SpinWait.SpinUntil(() => pending.IsCompleted || emulator.Faults.PendingCount == 0, TimeSpan.FromSeconds(10)));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        await emulator.DisposeAsync();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"dispose took {stopwatch.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
    }

    [Fact]
    public async Task StartAsync_TwoEmulators_GetDifferentPortsAndIndependentState()
    {
        await using var first = await EmulatorScenario.StartFrozenAsync();
        await using var second = await EmulatorScenario.StartFrozenAsync();
        using var firstHttp = new EmulatorHttp(first);
        using var secondHttp = new EmulatorHttp(second);

        await firstHttp.UploadAsync("{}");

        Assert.NotEqual(first.Endpoint.Port, second.Endpoint.Port);
        Assert.Single((await firstHttp.GetAsync("/v1/files")).Body["data"]!.AsArray());
        Assert.Empty((await secondHttp.GetAsync("/v1/files")).Body["data"]!.AsArray());
    }
}
