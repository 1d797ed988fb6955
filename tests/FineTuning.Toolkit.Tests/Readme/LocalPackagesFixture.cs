namespace FineTuning.Toolkit.Tests.Readme;

/// <summary>
/// Follows the README's "until the packages are published" note once per test run: <c>dotnet pack</c> the library
/// and the emulator into a local folder (built into a private artifacts folder, with a version of their own so no
/// NuGet cache serves an older build), for new console apps to restore from beside nuget.org.
/// </summary>
public sealed class LocalPackagesFixture : IAsyncLifetime
{
    public string Root { get; } = Directory.CreateTempSubdirectory("ftk-readme-").FullName;

    public string Feed => Path.Combine(Root, "packages");

    public string Version { get; } = $"0.1.0-readme.{DateTime.UtcNow:yyyyMMddHHmmss}";

    public string PackOutput { get; private set; } = string.Empty;

    public int PackExitCode { get; private set; }

    public async Task InitializeAsync()
    {
        var repository = ReadmeFile.RepositoryRoot();
        foreach (var project in new[] { "src/FineTuning.Toolkit", "src/FineTuning.Toolkit.Testing" })
        {
            // From the Release build the solution's test run already made (seconds); when that build is missing (only
            // this test project was built), build the package in a private artifacts folder instead.
            var (exitCode, output) = await DotnetCommand.RunAsync(repository, Environment(),
                "pack", project, "-c", "Release", "--no-build", "-o", Feed, $"-p:Version={Version}");
            if (exitCode != 0)
            {
                (exitCode, output) = await DotnetCommand.RunAsync(repository, Environment(),
                    "pack", project, "-c", "Release", "-o", Feed, $"-p:Version={Version}",
                    "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={Path.Combine(Root, "artifacts")}");
            }

            PackOutput += output;
            PackExitCode = exitCode != 0 ? exitCode : PackExitCode;
        }
    }

    /// <summary>A private NuGet cache that falls back to the machine's (nothing already there is downloaded again).</summary>
    public Dictionary<string, string?> Environment() => new() { ["NUGET_PACKAGES"] = Path.Combine(Root, "nuget-cache") };

    public string NuGetConfig()
    {
        var machineCache = System.Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } cache
            ? cache
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machineCache}" />
              </fallbackPackageFolders>
            </configuration>
            """;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
