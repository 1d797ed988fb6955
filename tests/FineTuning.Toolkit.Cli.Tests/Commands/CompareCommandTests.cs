using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Cli.Tests.Commands;

public sealed class CompareCommandTests : IAsyncLifetime
{
    private const string Secret = "sk-test-compare-key";
    private readonly string _folder = TestData.NewFolder();
    private OpenAIEmulator _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { ApiKey = Secret, StartTime = TestWorld.Today });
        await File.WriteAllTextAsync(Path.Combine(_folder, "suite.json"), """
            { "name": "cli", "systemPrompt": "You are TechFlow's helpful support assistant.",
              "cases": [
                { "id": "export", "category": "features", "prompt": "How do I export a report?", "expectations": { "shouldEscalate": false } },
                { "id": "refund", "category": "billing", "prompt": "Can I get a refund?", "expectations": { "shouldEscalate": true } } ] }
            """);
        await File.WriteAllTextAsync(Path.Combine(_folder, "suite.yaml"), """
            name: cli
            systemPrompt: "You are TechFlow's helpful support assistant."
            cases:
              - id: export
                category: features
                prompt: How do I export a report?
                expectations:
                  shouldEscalate: false
              - id: refund
                category: billing
                prompt: 'Can I get a refund?'
                expectations: { shouldEscalate: true }
            """);
    }

    public async Task DisposeAsync()
    {
        await _emulator.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private Dictionary<string, string> Environment => new() { ["FTK_ENDPOINT"] = _emulator.Endpoint.ToString(), ["OPENAI_API_KEY"] = Secret };

    [Fact]
    public async Task Compare_LabGatesOnTwoCases_WritesTheReportAndExits1()
    {
        var run = await CliRun.RunAsync(["compare", "--suite", "suite.json", "--model", "base=gpt-4o-mini", "--model", "candidate=gpt-4o-mini-2024-07-18", "--report", "out.html", "--markdown", "out.md"], Environment, _folder);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("FAIL  candidate:", run.Output, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(Path.Combine(_folder, "out.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("candidate", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "out.md")));
    }

    [Fact]
    public async Task Compare_YamlSuiteAndAPassingGate_Exits0()
    {
        var run = await CliRun.RunAsync(["compare", "--suite", "suite.yaml", "--model", "base=gpt-4o-mini", "--model", "candidate=gpt-4o-mini-2024-07-18", "--gate", "no-sensitive-info>=0.5"], Environment, _folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("pass  candidate:", run.Output, StringComparison.Ordinal);
        Assert.Equal(4, _emulator.Requests.Count("POST", "/v1/chat/completions"));
    }

    [Fact]
    public async Task Compare_BatchWithAJudgeAndAJournal_WritesTheReportExitsByTheGatesAndARerunReattaches()
    {
        string[] args =
        [
            "compare", "--suite", "suite.json", "--model", "base=gpt-4o-mini", "--model", "candidate=gpt-4o-mini-2024-07-18", "--judge", "gpt-4o-mini",
            "--batch", "--journal", "batches.jsonl", "--max-poll-interval", "0.25", "--gate", "no-sensitive-info>=0.5", "--report", "out.html",
        ];

        var run = await CliRun.RunAsync(args, Environment, _folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("pass  candidate:", run.Output, StringComparison.Ordinal);
        Assert.Equal(2, _emulator.Requests.Count("POST", "/v1/batches"));
        Assert.Equal(0, _emulator.Requests.Count("POST", "/v1/chat/completions"));
        Assert.Contains("rubric", await File.ReadAllTextAsync(Path.Combine(_folder, "out.html")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "batches.jsonl")));

        var again = await CliRun.RunAsync(args, Environment, _folder);

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(2, _emulator.Requests.Count("POST", "/v1/batches"));
        Assert.Equal(0, _emulator.Requests.Count("POST", "/v1/chat/completions"));
    }

    [Fact]
    public async Task Compare_BatchWithTheLabGates_Exits1()
    {
        var run = await CliRun.RunAsync(["compare", "--suite", "suite.json", "--model", "base=gpt-4o-mini", "--model", "candidate=gpt-4o-mini-2024-07-18", "--batch", "--max-poll-interval", "0.25"], Environment, _folder);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("FAIL  candidate:", run.Output, StringComparison.Ordinal);
        Assert.Equal(1, _emulator.Requests.Count("POST", "/v1/batches"));
    }

    [Theory]
    [InlineData("--journal", "batches.jsonl")]
    [InlineData("--max-poll-interval", "1")]
    public async Task Compare_BatchOptionsWithoutBatch_Exits2(params string[] args)
    {
        var run = await CliRun.RunAsync(["compare", "--suite", "suite.json", "--model", "a=gpt-4o-mini", "--model", "b=gpt-4o", .. args], Environment, _folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(0, _emulator.Requests.Count("POST", "/v1/chat/completions"));
    }

    [Theory]
    [InlineData("--model", "only=gpt-4o-mini")]
    [InlineData("--model", "a=gpt-4o-mini", "--model", "a=gpt-4o")]
    [InlineData("--model", "a=gpt-4o-mini", "--model", "b=gpt-4o", "--gate", "format>90%")]
    public async Task Compare_BadModelsOrGates_Exits2(params string[] args)
    {
        var run = await CliRun.RunAsync(["compare", "--suite", "suite.json", .. args], Environment, _folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(0, _emulator.Requests.Count("POST", "/v1/chat/completions"));
    }

    [Fact]
    public void YamlToJson_ScalarsKeepTheirTypes()
    {
        var json = FineTuning.Toolkit.Cli.Commands.SuiteFile.YamlToJson("a: 1\nb: true\nc: '1'\nd: ~\ne: [x, 2.5]\n", "t.yaml");

        Assert.Equal("""{"a":1,"b":true,"c":"1","d":null,"e":["x",2.5]}""", json);
    }
}
