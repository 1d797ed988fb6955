using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Tests.Readme;

/// <summary>Each package's README (PACKAGE.md, shown on nuget.org) stands on its own: no repository-only paths, and its
/// C# compiles as a console app with the packages it tells you to add.</summary>
public sealed partial class PackageReadmeTests
{
    public static TheoryData<string> PackageReadmes() =>
        [.. Directory.GetFiles(Path.Combine(ReadmeFile.RepositoryRoot(), "src"), "PACKAGE.md", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(ReadmeFile.RepositoryRoot(), p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryShippedProject_HasAPackageReadme()
    {
        var projects = Directory.GetFiles(Path.Combine(ReadmeFile.RepositoryRoot(), "src"), "*.csproj", SearchOption.AllDirectories);

        Assert.All(projects, p => Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(p)!, "PACKAGE.md")), $"{p} has no PACKAGE.md"));
    }

    [Theory]
    [MemberData(nameof(PackageReadmes))]
    public void PackageReadme_HasNoRepositoryOnlyPaths(string path)
    {
        var text = File.ReadAllText(Path.Combine(ReadmeFile.RepositoryRoot(), path));

        Assert.DoesNotMatch(RepositoryPath(), text);
        Assert.DoesNotMatch(RelativeLink(), text);
    }

    [Theory]
    [MemberData(nameof(PackageReadmes))]
    public void PackageReadme_CSharp_CompilesWithThePackagesItAdds(string path)
    {
        var text = File.ReadAllText(Path.Combine(ReadmeFile.RepositoryRoot(), path)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var packages = AddPackage().Matches(text).Select(m => m.Groups["id"].Value).ToList();
        if (packages.Count == 0)
        {
            // A README that adds nothing documents its own package: the project's name is the package id.
            packages.Add(Path.GetFileName(Path.GetDirectoryName(path))!);
        }

        foreach (Match block in CSharpBlock().Matches(text))
        {
            var diagnostics = ConsoleAppCompiler.Compile(block.Groups["code"].Value, packages);
            Assert.True(diagnostics.Count == 0, $"{path}:\n{string.Join("\n", diagnostics)}");
        }
    }

    [GeneratedRegex(@"(^|[\s(`'""])(\.\./|(src|tests|samples|benchmarks)/)", RegexOptions.Multiline)]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"\]\((?!https?://)[^)]*\)")]
    private static partial Regex RelativeLink();

    [GeneratedRegex(@"dotnet add package (?<id>[A-Za-z0-9_.\-]+)")]
    private static partial Regex AddPackage();

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
