using System.Text.Json.Nodes;
using FineTuning.Toolkit.Providers;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Tests.Testing;

public sealed class OpenAIDialectLifecycleTests
{
    [Fact]
    public async Task ListModels_OpenAIDialect_CarriesShutdownDatesTheCatalogCanRead()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);

        var models = await http.GetAsync("/v1/models");

        var mini = models.Body["data"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == "gpt-4o-mini-2024-07-18")!;
        Assert.Equal("2027-01-14", mini["shutdown_date"]!.GetValue<string>());
        Assert.Null(models.Body["data"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == "gpt-4.1-nano-2025-04-14")!["shutdown_date"]);
        var catalog = new ModelLifecycleCatalog(default, [new ModelLifecycle(ModelLifecycleCatalog.OpenAI, "gpt-4o-mini-2024-07-18", 65_536, new Uri("https://example.test"))]);
        Assert.True(catalog.WithShutdownDates(ModelLifecycleCatalog.OpenAI, models.Text).TryGet(ModelLifecycleCatalog.OpenAI, "gpt-4o-mini", out var entry));
        Assert.Equal(new DateOnly(2027, 1, 14), entry.ServingEndsOn);
    }

    [Theory]
    [InlineData(EmulatorDialect.OpenAI, "/v1", "January 6, 2027")]
    [InlineData(EmulatorDialect.Azure, "/openai/v1", "April 1, 2027")]
    public async Task CreateJob_OnTheCutOffDay_IsRefusedNamingTheDate(EmulatorDialect dialect, string prefix, string date)
    {
        var cutOff = dialect == EmulatorDialect.OpenAI ? new DateTimeOffset(2027, 1, 6, 0, 0, 0, TimeSpan.Zero) : new DateTimeOffset(2027, 4, 1, 0, 0, 0, TimeSpan.Zero);
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Dialect = dialect, SpeedFactor = 0, StartTime = cutOff - TimeSpan.FromMinutes(2) });
        using var http = new EmulatorHttp(emulator);
        var fileId = await EmulatorScenario.UploadProcessedAsync(emulator, http);
        var body = new JsonObject { ["model"] = "gpt-4o-mini", ["training_file"] = fileId };
        Assert.Equal(200, (await http.PostAsync(prefix + "/fine_tuning/jobs", body)).Status);

        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        var refused = await http.PostAsync(prefix + "/fine_tuning/jobs", body);

        Assert.Equal(403, refused.Status);
        Assert.Equal("fine_tuning_unavailable", refused.Body["error"]!["code"]!.GetValue<string>());
        Assert.Contains(date, refused.Body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_DialectDefaults_DifferPerProvider()
    {
        var together = new OpenAIEmulatorOptions { Dialect = EmulatorDialect.Together };
        var azure = new OpenAIEmulatorOptions { Dialect = EmulatorDialect.Azure };

        Assert.Equal("together-emulator-local-test-key", together.ApiKey);
        Assert.Equal("azure-emulator-local-test-key", azure.ApiKey);
        Assert.Contains("meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", together.FineTunableModels);
        Assert.Contains("gpt-4o-mini-2024-07-18", azure.FineTunableModels);
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Dialect = EmulatorDialect.Together, ApiKey = "tg-key" });
        Assert.Equal("tg-key", emulator.ApiKey);
        Assert.Equal(EmulatorDialect.Together, emulator.Dialect);
    }
}
