using System.Text.RegularExpressions;
using System.Text.Json;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Cli.Tests.Commands;

/// <summary>train, watch, jobs and cleanup, run in process against the emulator, with the key only in the environment.</summary>
public sealed class JobCommandsTests : IAsyncLifetime
{
    private const string Secret = "sk-test-never-printed-6c1f";
    private readonly string _folder = TestData.NewFolder();
    private OpenAIEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { ApiKey = Secret, SpeedFactor = 1200, StartTime = TestWorld.Today });
        await File.WriteAllTextAsync(Path.Combine(_folder, "train.jsonl"), TestData.ValidJsonl());
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Dictionary<string, string> Environment => new() { ["FTK_ENDPOINT"] = _emulator.Endpoint.ToString(), ["OPENAI_API_KEY"] = Secret };

    [Fact]
    public async Task Train_Wait_TrainsAndPrintsTheFineTunedModelWithoutTheKey()
    {
        var run = await CliRun.RunAsync(["train", "train.jsonl", "--model", "gpt-4o-mini-2024-07-18", "--suffix", "cli", "--epochs", "2", "--wait", "--max-poll-interval", "1"], Environment, _folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(Regex.IsMatch(run.Output, @"(?m)^fine-tuned model: ft:gpt-4o-mini-2024-07-18:emulator-org:cli:"), run.ToString());
        Assert.Contains("status: succeeded", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.Output + run.Error, StringComparison.Ordinal);
        var created = _emulator.Requests.Entries.Single(e => e.Method == "POST" && e.Route == "/v1/fine_tuning/jobs");
        Assert.Matches("\"n_epochs\"\\s*:\\s*2", created.RequestBody);
    }

    [Fact]
    public async Task Train_WaitOnATerminal_DrawsTheProgressBarToTheEnd()
    {
        var run = await CliRun.RunAsync(["train", "train.jsonl", "--wait", "--max-poll-interval", "1"], Environment, _folder, interactive: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("100%", run.Output, StringComparison.Ordinal);
        Assert.Contains("succeeded", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainThenWatchListCleanup_JsonOutput_FollowTheJobToTheEnd()
    {
        var started = await CliRun.RunAsync(["train", "train.jsonl", "--json"], Environment, _folder);
        Assert.True(started.ExitCode == 0, started.ToString());
        var jobId = JsonDocument.Parse(started.Output).RootElement.GetProperty("jobId").GetString()!;

        var watched = await CliRun.RunAsync(["watch", jobId, "--json", "--max-poll-interval", "1"], Environment, _folder);
        var listed = await CliRun.RunAsync(["jobs", "list", "--json"], Environment, _folder);
        var cleaned = await CliRun.RunAsync(["cleanup", jobId, "--json"], Environment, _folder);

        Assert.True(watched.ExitCode == 0, watched.ToString());
        using var result = JsonDocument.Parse(watched.Output);
        Assert.Equal("succeeded", result.RootElement.GetProperty("status").GetString());
        var model = result.RootElement.GetProperty("fineTunedModel").GetString()!;
        Assert.Contains(JsonDocument.Parse(listed.Output).RootElement.EnumerateArray(), j => j.GetProperty("id").GetString() == jobId);
        Assert.True(cleaned.ExitCode == 0, cleaned.ToString());
        var deleted = JsonDocument.Parse(cleaned.Output).RootElement.GetProperty("deleted").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(model, deleted);
        Assert.Contains(result.RootElement.GetProperty("trainingFileId").GetString(), deleted);
    }

    [Fact]
    public async Task Train_FileWithErrors_UploadsNothingAndExits1()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "bad.jsonl"), TestData.JsonlWithErrors());

        var run = await CliRun.RunAsync(["train", "bad.jsonl", "--wait"], Environment, _folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(0, _emulator.Requests.Count("POST", "/v1/files"));
        Assert.Equal(0, _emulator.Requests.Count("POST", "/v1/fine_tuning/jobs"));
    }

    [Fact]
    public async Task Train_NoKeyAnywhere_Exits2NamingWhereToPutIt()
    {
        var run = await CliRun.RunAsync(["train", "train.jsonl", "--endpoint", _emulator.Endpoint.ToString(), "--config", Path.Combine(_folder, "none.json")], currentDirectory: _folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("OPENAI_API_KEY", run.Error, StringComparison.Ordinal);
        Assert.Contains("\"apiKey\"", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsList_WrongKey_Exits3WithTheServicesMessageAndNotTheKey()
    {
        var environment = Environment;
        environment["OPENAI_API_KEY"] = "sk-wrong-key-4d2a";

        var run = await CliRun.RunAsync(["jobs", "list"], environment, _folder);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("401", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong-key-4d2a", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobsList_KeyFromConfigFile_IsUsedAndNeverPrinted()
    {
        var config = Path.Combine(_folder, "config.json");
        await File.WriteAllTextAsync(config, $$"""{ "openai": { "apiKey": "{{Secret}}", "endpoint": "{{_emulator.Endpoint}}" } }""");

        var run = await CliRun.RunAsync(["jobs", "list", "--config", config], currentDirectory: _folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Job", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, run.Output + run.Error, StringComparison.Ordinal);
        Assert.Equal(1, _emulator.Requests.Count("GET", "/v1/fine_tuning/jobs"));
    }

    [Theory]
    [InlineData(false, "running")]
    [InlineData(true, "cancelled")]
    public async Task Watch_Interrupted_DetachesOrCancelsAsAsked(bool cancelOnInterrupt, string expectedStatus)
    {
        await using var slow = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { ApiKey = Secret, SpeedFactor = 1, StartTime = TestWorld.Today, QueueDuration = TimeSpan.Zero, ValidationDuration = TimeSpan.Zero, FileProcessingDuration = TimeSpan.Zero });
        var environment = new Dictionary<string, string> { ["FTK_ENDPOINT"] = slow.Endpoint.ToString(), ["OPENAI_API_KEY"] = Secret };
        var started = await CliRun.RunAsync(["train", "train.jsonl", "--json"], environment, _folder);
        var jobId = JsonDocument.Parse(started.Output).RootElement.GetProperty("jobId").GetString()!;
        string[] args = cancelOnInterrupt ? ["watch", jobId, "--cancel-on-interrupt"] : ["watch", jobId];

        // Ctrl+C once the watch has read the job at least once.
        const string JobRoute = "/v1/fine_tuning/jobs/{fine_tuning_job_id}";
        var readsBefore = slow.Requests.Count("GET", JobRoute);
        using var interrupt = new CancellationTokenSource();
        var watch = CliRun.RunAsync(args, environment, _folder, interrupt.Token);
        while (slow.Requests.Count("GET", JobRoute) <= readsBefore)
        {
            await Task.Delay(20);
        }

        await interrupt.CancelAsync();
        var run = await watch;
        var after = await CliRun.RunAsync(["jobs", "list", "--json"], environment, _folder);

        Assert.Equal(130, run.ExitCode);
        Assert.Contains(cancelOnInterrupt ? $"cancelling job {jobId}" : $"Detached: job {jobId} keeps running. Re-attach with: ftk watch {jobId}", run.Error, StringComparison.Ordinal);
        var status = JsonDocument.Parse(after.Output).RootElement.EnumerateArray().Single(j => j.GetProperty("id").GetString() == jobId).GetProperty("status").GetString();
        Assert.Equal(expectedStatus, status);
    }
}
