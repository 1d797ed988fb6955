using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Tests.Readme;

/// <summary>README.md's C# blocks and the packages its Install section adds.</summary>
internal static partial class ReadmeFile
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

    public static string Text() => File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    public static IReadOnlyList<(int Line, string Code)> CSharpBlocks()
    {
        var readme = Text();
        return [.. CSharpBlock().Matches(readme).Select(m => (readme[..m.Index].Count(c => c == '\n') + 2, m.Groups["code"].Value))];
    }

    /// <summary>The packages of the first block of the Install section, in order (<c>dotnet add package X</c>).</summary>
    public static IReadOnlyList<string> InstalledPackages()
    {
        var readme = Text();
        var install = readme[readme.IndexOf("\n## Install\n", StringComparison.Ordinal)..];
        var block = Regex.Match(install, "```bash\\n(?<code>.*?)```", RegexOptions.Singleline).Groups["code"].Value;
        return [.. AddPackage().Matches(block).Select(m => m.Groups["id"].Value)];
    }

    /// <summary>The first JSON block after a heading.</summary>
    public static string JsonBlockAfter(string heading)
    {
        var readme = Text();
        var section = readme[readme.IndexOf(heading, StringComparison.Ordinal)..];
        return Regex.Match(section, "```json\\n(?<code>.*?)```", RegexOptions.Singleline).Groups["code"].Value;
    }

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^dotnet add package (?<id>[A-Za-z0-9_.\-]+)", RegexOptions.Multiline)]
    private static partial Regex AddPackage();
}
