using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Cli.Tests.Commands;

/// <summary><c>--provider together</c> for train, jobs and cleanup, in process against the emulator's Together dialect,
/// with only Together's own key and base URL in the environment.</summary>
public sealed class TogetherCommandsTests : IAsyncLifetime
{
    private const string Secret = "together-test-key-never-printed-91ab";
    private readonly string _folder = TestData.NewFolder();
    private OpenAIEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Dialect = EmulatorDialect.Together, ApiKey = Secret, SpeedFactor = 1200 });
        await File.WriteAllTextAsync(Path.Combine(_folder, "train.jsonl"), TestData.ValidJsonl());
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Dictionary<string, string> Environment => new()
    {
        ["FTK_PROVIDER"] = "together", ["TOGETHER_BASE_URL"] = _emulator.Endpoint.ToString(), ["TOGETHER_API_KEY"] = Secret,
        ["OPENAI_API_KEY"] = "sk-openai-must-not-travel",
    };

    [Fact]
    public async Task TrainWaitThenJobsAndCleanup_OnTogether_TrainTheDefaultLlamaWithLoraAndDeleteIt()
    {
        var run = await CliRun.RunAsync(["train", "train.jsonl", "--suffix", "cli", "--epochs", "2", "--lr", "0.0002", "--lora", "16:32", "--checkpoints", "2", "--wait", "--json", "--max-poll-interval", "1"], Environment, _folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var result = JsonDocument.Parse(run.Output);
        Assert.Equal("succeeded", result.RootElement.GetProperty("status").GetString());
        var model = result.RootElement.GetProperty("fineTunedModel").GetString()!;
        Assert.Contains("Meta-Llama-3.1-8B-Instruct-Reference-cli-", model, StringComparison.Ordinal);
        var created = JsonNode.Parse(_emulator.Requests.Entries.Single(e => e.Method == "POST" && e.Route == "/v1/fine-tunes").RequestBody!)!;
        Assert.Equal("meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", created["model"]!.GetValue<string>());
        Assert.Equal(0.0002, created["learning_rate"]!.GetValue<double>());
        Assert.Equal(16, created["training_type"]!["lora_r"]!.GetValue<int>());
        Assert.Equal(2, created["n_checkpoints"]!.GetValue<int>());
        var jobId = result.RootElement.GetProperty("jobId").GetString()!;

        var watched = await CliRun.RunAsync(["watch", jobId, "--json", "--max-poll-interval", "1"], Environment, _folder);
        var listed = await CliRun.RunAsync(["jobs", "list", "--json"], Environment, _folder);
        var paused = await CliRun.RunAsync(["jobs", "pause", jobId], Environment, _folder);
        var cleaned = await CliRun.RunAsync(["cleanup", jobId, "--json"], Environment, _folder);

        Assert.True(watched.ExitCode == 0, watched.ToString());
        Assert.Equal(model, JsonDocument.Parse(watched.Output).RootElement.GetProperty("fineTunedModel").GetString());
        Assert.Contains(JsonDocument.Parse(listed.Output).RootElement.EnumerateArray(), j => j.GetProperty("id").GetString() == jobId);
        Assert.NotEqual(0, paused.ExitCode);
        Assert.Contains("Together AI", paused.Error, StringComparison.Ordinal);
        Assert.True(cleaned.ExitCode == 0, cleaned.ToString());
        var deleted = JsonDocument.Parse(cleaned.Output).RootElement.GetProperty("deleted").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(model, deleted);
        Assert.Contains(result.RootElement.GetProperty("trainingFileId").GetString(), deleted);
        Assert.DoesNotContain(Secret, run.Output + run.Error + listed.Output + cleaned.Output, StringComparison.Ordinal);
        Assert.All(_emulator.Requests.Entries, e => Assert.NotEqual(401, e.StatusCode)); // Together's key, never OpenAI's
    }

    [Fact]
    public async Task Train_TogetherWithOnlyAnOpenAIKey_IsAUsageErrorNamingTogethersVariable()
    {
        var environment = Environment;
        environment.Remove("TOGETHER_API_KEY");

        var run = await CliRun.RunAsync(["train", "train.jsonl", "--config", "none.json"], environment, _folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("TOGETHER_API_KEY", run.Error, StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests.Entries);
    }

    [Fact]
    public async Task Train_LoraOnOpenAI_IsAUsageErrorBeforeAnyCall()
    {
        var environment = Environment;
        environment["OPENAI_BASE_URL"] = _emulator.Endpoint.ToString();

        var run = await CliRun.RunAsync(["train", "train.jsonl", "--provider", "openai", "--lora", "16:32"], environment, _folder);
        var malformed = await CliRun.RunAsync(["train", "train.jsonl", "--lora", "sixteen"], Environment, _folder);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("lora_r (set by WithLora)", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("--lora", malformed.Error, StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests.Entries);
    }

    [Fact]
    public async Task CompareBatch_OnTogetherWithAJournal_ModelsAndJudgeThroughTogetherBatchesAndARerunReattaches()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "suite.json"), """
            { "name": "cli", "systemPrompt": "You are TechFlow's helpful support assistant.",
              "cases": [
                { "id": "export", "category": "features", "prompt": "How do I export a report?", "expectations": { "shouldEscalate": false } },
                { "id": "refund", "category": "billing", "prompt": "Can I get a refund?", "expectations": { "shouldEscalate": true } } ] }
            """);
        string[] args =
        [
            "compare", "--suite", "suite.json", "--model", "base=meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", "--model", "candidate=meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo",
            "--judge", "meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo", "--batch", "--journal", "batches.jsonl", "--max-poll-interval", "0.25", "--gate", "no-sensitive-info>=0.5", "--report", "out.html",
        ];

        var run = await CliRun.RunAsync(args, Environment, _folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("pass  candidate:", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "out.html")));
        Assert.Equal(2, _emulator.Requests.Count("POST", "/v1/batches", 201)); // the answers, then the judge's requests
        Assert.Equal(0, _emulator.Requests.Count("POST", "/v1/chat/completions"));
        Assert.Equal(2, _emulator.Requests.Count("POST", "/v1/files/upload", 200));
        Assert.Contains("rubric", await File.ReadAllTextAsync(Path.Combine(_folder, "out.html")), StringComparison.Ordinal);
        var created = _emulator.Requests.Entries.Where(e => e.Method == "POST" && e.Route == "/v1/batches").Select(e => JsonNode.Parse(e.RequestBody!)!).ToList();
        Assert.All(created, c => Assert.Null(c["metadata"]));

        var again = await CliRun.RunAsync(args, Environment, _folder);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(2, _emulator.Requests.Count("POST", "/v1/batches"));
        Assert.Equal(0, _emulator.Requests.Count("POST", "/v1/chat/completions"));
        Assert.DoesNotContain(Secret, run.Output + run.Error + again.Output + again.Error, StringComparison.Ordinal);
    }
}
