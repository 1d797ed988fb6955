namespace FineTuning.Toolkit.Cli.Tests;

/// <summary>
/// Packs the tool once per test run (from the build the tests already made: no second build) into a temporary feed,
/// and installs it from there with <c>dotnet tool install --tool-path</c>, with an empty NuGet cache, as on a fresh
/// machine.
/// </summary>
public sealed class PackedToolFixture : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("ftk-packed-").FullName;

    public string ToolPath => Path.Combine(_root, "tools", OperatingSystem.IsWindows() ? "ftk.exe" : "ftk");

    public string Feed => Path.Combine(_root, "feed");

    public CliOutcome Pack { get; private set; } = null!;

    public CliOutcome Install { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var project = Path.Combine(ToolPaths.RepositoryRoot(), "src", "FineTuning.Toolkit.Cli", "FineTuning.Toolkit.Cli.csproj");
        Pack = await ToolProcess.RunAsync(ToolPaths.Dotnet, ["pack", project, "-c", ToolPaths.Configuration, "--no-build", "-o", Feed, "-p:NoWarn=NU5104"]);
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "nuget-cache") };
        Install = await ToolProcess.RunAsync(ToolPaths.Dotnet, ["tool", "install", "ftk", "--tool-path", Path.Combine(_root, "tools"), "--add-source", Feed], _root, environment);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}
