namespace FineTuning.Toolkit.Cli.Tests;

/// <summary>Where the built tool and the repository are.</summary>
internal static class ToolPaths
{
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FineTuning.Toolkit.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root (FineTuning.Toolkit.sln) not found.");
    }

    /// <summary>The configuration the tests were built with (Debug or Release), read from the output path.</summary>
    public static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>ftk.dll as built beside the tests (the test project references the tool's project).</summary>
    public static string ToolAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "ftk.dll");
        return File.Exists(path) && File.Exists(Path.Combine(AppContext.BaseDirectory, "ftk.runtimeconfig.json"))
            ? path
            : Path.Combine(RepositoryRoot(), "src", "FineTuning.Toolkit.Cli", "bin", Configuration, "net10.0", "ftk.dll");
    }

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
