using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Tests.Readme;

/// <summary>
/// Keeps README.md honest: every C# block in it must appear verbatim (modulo indentation) in a source file that the
/// build compiles (src/, tests/ or samples/), so copied README code is code that compiles and runs in our tests.
/// </summary>
public partial class ReadmeSnippetTests
{
    [Fact]
    public void Readme_EveryCSharpBlock_IsCompiledSomewhere()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var blocks = CSharpBlock().Matches(readme).Select(m => m.Groups["code"].Value).ToList();

        var sources = new[] { "src", "tests", "samples" }
            .Select(d => Path.Combine(root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.EndsWith("ReadmeSnippetTests.cs", StringComparison.Ordinal))
            .Select(f => Normalize(File.ReadAllText(f)))
            .ToList();

        var missing = blocks.Where(b => !sources.Any(s => s.Contains(Normalize(b), StringComparison.Ordinal))).ToList();

        Assert.True(missing.Count == 0,
            "README.md C# blocks not found verbatim in any compiled source file:\n\n" + string.Join("\n---\n", missing));
    }

    [Fact]
    public void Readme_FirstCommands_AreTheSampleAndTheTests()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var firstBlock = Regex.Match(readme, "```bash\\n(?<code>.*?)```", RegexOptions.Singleline).Groups["code"].Value;
        var commands = firstBlock.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(2, commands.Length);
        Assert.StartsWith("dotnet run --project samples/TechFlow.SupportAssistant", commands[0], StringComparison.Ordinal);
        Assert.StartsWith("dotnet test FineTuning.Toolkit.sln -c Release", commands[1], StringComparison.Ordinal);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FineTuning.Toolkit.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root (FineTuning.Toolkit.sln) not found.");
    }

    // Compare line by line with indentation and trailing blanks removed, so a snippet indented inside a method matches.
    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0));

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
