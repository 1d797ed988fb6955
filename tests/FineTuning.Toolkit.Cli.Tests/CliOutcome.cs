namespace FineTuning.Toolkit.Cli.Tests;

public sealed record CliOutcome(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
