using System.Xml.Linq;

namespace FineTuning.Toolkit.Tests.Readme;

/// <summary>
/// First contact, as a new user has it: a new console app (the <c>dotnet new console</c> project file), the packages
/// README's Install lists (the library and the emulator from the local folder the README's note makes, the others
/// from nuget.org), the README's block pasted as <c>Program.cs</c>; it must build with 0 warnings and run.
/// </summary>
public sealed class ReadmeConsoleAppTests : IClassFixture<LocalPackagesFixture>
{
    private readonly LocalPackagesFixture _packages;

    public ReadmeConsoleAppTests(LocalPackagesFixture packages) => _packages = packages;

    [Fact]
    public async Task QuickStart_PastedIntoANewConsoleApp_BuildsWithoutWarningsAndRuns()
    {
        var app = await CreateAppAsync("QuickStart", ReadmeFile.CSharpBlocks()[0].Code);

        var run = await RunAsync(app, new Dictionary<string, string?> { ["OPENAI_API_KEY"] = null });

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Matches(@"(?m)^succeeded: ft:gpt-4o-mini-2024-07-18:emulator-org:techflow-support:", run.Output);
        Assert.Contains("fine-tuned", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DependencyInjection_PastedIntoANewConsoleApp_BuildsWithoutWarningsAndRuns()
    {
        var block = ReadmeFile.CSharpBlocks().Single(b => b.Code.Contains("Host.CreateApplicationBuilder", StringComparison.Ordinal));
        var app = await CreateAppAsync("DependencyInjection", block.Code);
        await File.WriteAllTextAsync(Path.Combine(app, "appsettings.json"), ReadmeFile.JsonBlockAfter("## Dependency injection"));

        var run = await RunAsync(app, new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-readme-test" });

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("OpenAI at https://api.openai.com/v1", run.Output, StringComparison.Ordinal);
        Assert.Contains("Azure at https://techflow.openai.azure.com/openai/v1/", run.Output, StringComparison.Ordinal);
    }

    private async Task<string> CreateAppAsync(string name, string program)
    {
        Assert.True(_packages.PackExitCode == 0, _packages.PackOutput);
        var folder = Path.Combine(_packages.Root, name);
        Directory.CreateDirectory(folder);
        var versions = CentralVersions();
        var project = new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup",
                new XElement("OutputType", "Exe"),
                new XElement("TargetFramework", "net10.0"),
                new XElement("ImplicitUsings", "enable"),
                new XElement("Nullable", "enable")),
            new XElement("ItemGroup", ReadmeFile.InstalledPackages().Select(id => new XElement("PackageReference",
                new XAttribute("Include", id),
                new XAttribute("Version", id.StartsWith("FineTuning.Toolkit", StringComparison.Ordinal) ? _packages.Version : versions[id])))));
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".csproj"), project.ToString());
        await File.WriteAllTextAsync(Path.Combine(folder, "nuget.config"), _packages.NuGetConfig());
        await File.WriteAllTextAsync(Path.Combine(folder, "Program.cs"), program);
        return folder;
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string app, Dictionary<string, string?> environment)
    {
        var build = await DotnetCommand.RunAsync(app, _packages.Environment(), "build", "-c", "Release", "-warnaserror");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains(" 0 Warning(s)", build.Output, StringComparison.Ordinal);
        foreach (var (key, value) in _packages.Environment())
        {
            environment[key] = value;
        }

        return await DotnetCommand.RunAsync(app, environment, "run", "-c", "Release", "--no-build");
    }

    /// <summary>The versions this repository tests with (Directory.Packages.props), for the packages from nuget.org.</summary>
    private static Dictionary<string, string> CentralVersions() =>
        XDocument.Load(Path.Combine(ReadmeFile.RepositoryRoot(), "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
}
