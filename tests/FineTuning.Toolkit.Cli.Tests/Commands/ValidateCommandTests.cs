using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace FineTuning.Toolkit.Cli.Tests.Commands;

public sealed partial class ValidateCommandTests : IDisposable
{
    private readonly string _folder = TestData.NewFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Validate_FileWithErrors_PrintsFileAndLineAndExits1()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "train.jsonl"), TestData.JsonlWithErrors());

        var run = await CliRun.RunAsync(["validate", "train.jsonl"], currentDirectory: _folder);

        Assert.Equal(1, run.ExitCode);
        Assert.Matches(@"(?m)^train\.jsonl:3: error example_missing_assistant_message: ", run.Output);
        Assert.Matches(@"(?m)^train\.jsonl:5: error invalid_json: ", run.Output);
        Assert.Contains("train.jsonl: invalid, 12 examples, 2 errors", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ValidFile_Exits0()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "train.jsonl"), TestData.ValidJsonl());

        var run = await CliRun.RunAsync(["validate", "train.jsonl", "--model", "gpt-4.1-mini-2025-04-14"], currentDirectory: _folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("train.jsonl: valid, 12 examples, 0 errors", run.Output, StringComparison.Ordinal);
        Assert.Contains("gpt-4.1-mini-2025-04-14", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate", "missing.jsonl")]
    [InlineData("validate")]
    [InlineData("validate", "train.jsonl", "--format", "xml")]
    [InlineData("validate", "train.jsonl", "--method", "rl")]
    [InlineData("validate", "train.jsonl", "--no-such-option")]
    [InlineData("no-such-command")]
    public async Task Validate_BadUsage_Exits2WithAMessage(params string[] args)
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "train.jsonl"), TestData.ValidJsonl());

        var run = await CliRun.RunAsync(args, currentDirectory: _folder);

        Assert.Equal(2, run.ExitCode);
        Assert.NotEmpty(run.Error.Trim());
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Validate_GitHubFormat_PrintsWorkflowCommandsWithFileAndLine()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "train.jsonl"), TestData.JsonlWithErrors());

        var run = await CliRun.RunAsync(["validate", "train.jsonl", "--format", "github"], currentDirectory: _folder);

        Assert.Equal(1, run.ExitCode);
        var commands = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("::", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(commands);
        // The runner's grammar: ::command key=value,key=value::message, with %, CR, LF (and ':' ',' in values) escaped.
        Assert.All(commands, c => Assert.Matches(WorkflowCommand(), c));
        Assert.Contains("::error file=train.jsonl,line=3,title=example_missing_assistant_message::", run.Output, StringComparison.Ordinal);
        Assert.Contains("::error file=train.jsonl,line=5,title=invalid_json::", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void GitHubEscaping_MessageAndProperties_FollowTheRunnersRules()
    {
        Assert.Equal("50%25 done%0Anext", Output.GitHubAnnotations.EscapeData("50% done\nnext"));
        Assert.Equal("dir%2Ca%3Ab.jsonl", Output.GitHubAnnotations.EscapeProperty("dir,a:b.jsonl"));
    }

    [Fact]
    public async Task Validate_SarifFormat_ConformsToTheSarif210Schema()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        await File.WriteAllTextAsync(Path.Combine(_folder, "data", "train set.jsonl"), TestData.JsonlWithErrors());

        var run = await CliRun.RunAsync(["validate", "data/train set.jsonl", "--format", "sarif"], currentDirectory: _folder);

        Assert.Equal(1, run.ExitCode);
        var evaluation = SarifSchema().Evaluate(JsonNode.Parse(run.Output), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(evaluation.IsValid, string.Join("\n", evaluation.Details.Where(d => d.HasErrors).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));

        using var log = JsonDocument.Parse(run.Output);
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var missing = results.Single(r => r.GetProperty("ruleId").GetString() == "example_missing_assistant_message");
        var location = missing.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("error", missing.GetProperty("level").GetString());
        Assert.Equal("data/train%20set.jsonl", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(3, location.GetProperty("region").GetProperty("startLine").GetInt32());
        var rules = log.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules");
        Assert.All(results, r => Assert.Equal(r.GetProperty("ruleId").GetString(), rules[r.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString()));
    }

    [Fact]
    public void SarifSchema_LogWithoutVersionOrWithBadLevel_IsRejected()
    {
        var noVersion = JsonNode.Parse("""{"runs":[{"tool":{"driver":{"name":"ftk"}},"results":[]}]}""");
        var badLevel = JsonNode.Parse("""{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"ftk"}},"results":[{"level":"fatal","message":{"text":"x"}}]}]}""");

        Assert.False(SarifSchema().Evaluate(noVersion).IsValid);
        Assert.False(SarifSchema().Evaluate(badLevel).IsValid);
    }

    [Fact]
    public async Task Validate_JsonFormat_IsTheReportsJson()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "train.jsonl"), TestData.JsonlWithErrors());

        var run = await CliRun.RunAsync(["validate", "train.jsonl", "--json"], currentDirectory: _folder);

        Assert.Equal(1, run.ExitCode);
        using var report = JsonDocument.Parse(run.Output);
        Assert.Equal(JsonValueKind.Object, report.RootElement.ValueKind);
        Assert.Contains("invalid_json", run.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The official schema is JSON Schema draft-04, which JsonSchema.Net does not read; for this schema draft-04 and
    /// draft-07 differ only in the root's "id" (draft-07: "$id") and boolean exclusiveMinimum/Maximum, which it does
    /// not use (asserted here). So the root's id is renamed and the schema evaluated as draft-07, unchanged otherwise.
    /// </summary>
    private static JsonSchema SarifSchema()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-schema-2.1.0.json"));
        Assert.DoesNotContain("exclusiveMinimum", text, StringComparison.Ordinal);
        Assert.DoesNotContain("exclusiveMaximum", text, StringComparison.Ordinal);
        var node = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("http://json-schema.org/draft-04/schema#", node["$schema"]!.GetValue<string>());
        node["$schema"] = "http://json-schema.org/draft-07/schema#";
        var id = node["id"]!.GetValue<string>();
        node.Remove("id");
        node["$id"] = id;
        return JsonSchema.FromText(node.ToJsonString());
    }

    [GeneratedRegex(@"^::(error|warning|notice)( (file|line|endLine|col|endColumn|title)=[^,:\r\n]*(,(file|line|endLine|col|endColumn|title)=[^,:\r\n]*)*)?::[^\r\n]*$")]
    private static partial Regex WorkflowCommand();
}
