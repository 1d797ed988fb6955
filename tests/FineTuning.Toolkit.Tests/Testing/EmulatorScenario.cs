using System.Text.Json.Nodes;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Tests.Testing;

/// <summary>Common steps of emulator tests on a frozen clock (speed factor 0): time moves only when the test says so.</summary>
internal static class EmulatorScenario
{
    /// <summary>A simulated day before every provider's training cut-off, so the scenarios do not depend on the real date.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    public static Task<OpenAIEmulator> StartFrozenAsync(int seed = 42, EmulatorDialect dialect = EmulatorDialect.OpenAI) =>
        OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Dialect = dialect, SpeedFactor = 0, Seed = seed, StartTime = Start });

    public static async Task<string> UploadProcessedAsync(OpenAIEmulator emulator, EmulatorHttp http, string? content = null)
    {
        var file = await http.UploadAsync(content ?? TechFlowTrainingData.ToJsonl());
        Assert.Equal(200, file.Status);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        return file.Id;
    }

    public static async Task<string> CreateJobAsync(EmulatorHttp http, string fileId, JsonObject? extra = null)
    {
        var body = new JsonObject { ["model"] = "gpt-4o-mini-2024-07-18", ["training_file"] = fileId, ["suffix"] = "techflow" };
        foreach (var (key, value) in extra ?? new JsonObject())
        {
            body[key] = value?.DeepClone();
        }

        var job = await http.PostAsync("/v1/fine_tuning/jobs", body);
        Assert.True(job.Status == 200, job.Text);
        return job.Id;
    }

    public static async Task<JsonNode> RunToEndAsync(OpenAIEmulator emulator, EmulatorHttp http, string jobId)
    {
        emulator.Clock.Advance(TimeSpan.FromHours(2));
        var job = await http.GetAsync($"/v1/fine_tuning/jobs/{jobId}");
        return job.Body;
    }
}
