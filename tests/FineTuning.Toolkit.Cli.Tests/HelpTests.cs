using System.CommandLine;

namespace FineTuning.Toolkit.Cli.Tests;

public sealed class HelpTests
{
    public static TheoryData<string> CommandPaths()
    {
        var root = FtkApp.CreateRootCommand(new CliHost(TextWriter.Null, TextWriter.Null, _ => null, interactive: false));
        var paths = new TheoryData<string> { string.Empty };
        void Walk(Command command, string prefix)
        {
            foreach (var sub in command.Subcommands)
            {
                var path = (prefix + " " + sub.Name).Trim();
                paths.Add(path);
                Walk(sub, path);
            }
        }

        Walk(root, string.Empty);
        return paths;
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Help_EveryCommand_ShowsUsageAndExamples(string path)
    {
        var run = await CliRun.RunAsync([.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        var examples = run.Output[(run.Output.IndexOf("Examples:", StringComparison.Ordinal) + 1)..];
        Assert.Contains("Examples:", run.Output, StringComparison.Ordinal);
        Assert.Contains("  ftk " + path, examples, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ProviderSettings_NameTheirEnvironmentVariables()
    {
        var run = await CliRun.RunAsync(["train", "--help"]);

        Assert.Contains("--endpoint", run.Output, StringComparison.Ordinal);
        Assert.Contains("[env: FTK_ENDPOINT]", run.Output, StringComparison.Ordinal);
        Assert.Contains("[env: OPENAI_ORG_ID]", run.Output, StringComparison.Ordinal);
        Assert.Contains("[env: FTK_CONFIG]", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("--api-key", run.Output, StringComparison.Ordinal);
    }
}
