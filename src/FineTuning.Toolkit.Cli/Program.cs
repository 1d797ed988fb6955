namespace FineTuning.Toolkit.Cli;

/// <summary>The <c>ftk</c> entry point.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => FtkApp.RunAsync(args, CliHost.FromConsole());
}
