namespace FineTuning.Toolkit.Cli.Tests;

/// <summary>Runs the tool in process: the real command tree, with string writers for its console and a dictionary
/// for its environment.</summary>
internal static class CliRun
{
    public static async Task<CliOutcome> RunAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null, string? currentDirectory = null, CancellationToken cancellationToken = default, bool interactive = false)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(output, error, name => environment is not null && environment.TryGetValue(name, out var v) ? v : null, interactive)
        {
            CurrentDirectory = currentDirectory ?? Environment.CurrentDirectory,
            Time = TestWorld.Clock(), // a day before OpenAI's cut-off, whatever the real date (tests about cut-offs name theirs)
        };
        var exitCode = await FtkApp.RunAsync(args, host, cancellationToken);
        return new CliOutcome(exitCode, output.ToString(), error.ToString());
    }
}
