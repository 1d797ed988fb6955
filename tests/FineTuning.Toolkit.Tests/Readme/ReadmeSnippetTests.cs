using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Tests.Readme;

/// <summary>
/// Keeps README.md honest: every C# block either compiles on its own as a new console app's <c>Program.cs</c>
/// (with only the packages the Install section lists), or starts with <c>// Excerpt from &lt;file&gt;</c> and appears
/// verbatim (modulo indentation) in that file, which the build compiles.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    private const string ExcerptMarker = "// Excerpt from ";

    public static TheoryData<int> BlockNumbers() => [.. Enumerable.Range(1, ReadmeFile.CSharpBlocks().Count)];

    [Fact]
    public void Readme_CSharpBlocks_Exist()
    {
        Assert.True(ReadmeFile.CSharpBlocks().Count >= 2);
    }

    [Theory]
    [MemberData(nameof(BlockNumbers))]
    public void Readme_CSharpBlock_CompilesAsAConsoleAppOrIsAVerbatimExcerpt(int number)
    {
        var block = ReadmeFile.CSharpBlocks()[number - 1];
        if (block.Code.StartsWith(ExcerptMarker, StringComparison.Ordinal))
        {
            var firstLineEnd = block.Code.IndexOf('\n', StringComparison.Ordinal);
            var path = block.Code[ExcerptMarker.Length..firstLineEnd].Trim();
            var file = Path.Combine(ReadmeFile.RepositoryRoot(), path);
            Assert.True(File.Exists(file), $"README line {block.Line}: the excerpt names {path}, which does not exist.");
            Assert.True(Normalize(File.ReadAllText(file)).Contains(Normalize(block.Code[(firstLineEnd + 1)..]), StringComparison.Ordinal),
                $"README line {block.Line}: the block is not found verbatim in {path}:\n{block.Code}");
            return;
        }

        var diagnostics = ConsoleAppCompiler.Compile(block.Code, ReadmeFile.InstalledPackages());

        Assert.True(diagnostics.Count == 0,
            $"README line {block.Line}: the block does not compile as a console app's Program.cs with the packages of Install " +
            $"({string.Join(", ", ReadmeFile.InstalledPackages())}):\n{string.Join("\n", diagnostics)}\n\n{block.Code}");
    }

    [Fact]
    public void ConsoleAppCompiler_BlockUsingAnUnlistedPackageOrMissingAUsing_Fails()
    {
        // The check can fail: without its using, the quick start's first type is unknown; xunit is not an Install package.
        var quickStart = ReadmeFile.CSharpBlocks()[0].Code;
        var withoutUsing = quickStart.Replace("using FineTuning.Toolkit.Datasets;", string.Empty, StringComparison.Ordinal);

        Assert.Contains(ConsoleAppCompiler.Compile(withoutUsing, ReadmeFile.InstalledPackages()), d => d.Contains("CS0103", StringComparison.Ordinal));
        Assert.NotEmpty(ConsoleAppCompiler.Compile("Xunit.Assert.True(true);", ReadmeFile.InstalledPackages()));
        Assert.NotEmpty(ConsoleAppCompiler.Compile("string s = null; Console.WriteLine(s.Length);", ReadmeFile.InstalledPackages()));
        Assert.Empty(ConsoleAppCompiler.Compile("Console.WriteLine(Path.Combine(\"a\", \"b\"));", ReadmeFile.InstalledPackages()));
    }

    [Fact]
    public void Readme_FirstCommands_AreTheSampleAndTheTests()
    {
        var readme = File.ReadAllText(Path.Combine(ReadmeFile.RepositoryRoot(), "README.md"));
        var firstBlock = Regex.Match(readme, "```bash\\n(?<code>.*?)```", RegexOptions.Singleline).Groups["code"].Value;
        var commands = firstBlock.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(2, commands.Length);
        Assert.StartsWith("dotnet run --project samples/TechFlow.SupportAssistant", commands[0], StringComparison.Ordinal);
        Assert.StartsWith("dotnet test FineTuning.Toolkit.sln -c Release", commands[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_Install_ListsThePackagesTheQuickStartAndDependencyInjectionNeed()
    {
        Assert.Equal(
            ["FineTuning.Toolkit", "FineTuning.Toolkit.Testing", "Microsoft.Extensions.AI.OpenAI", "Microsoft.Extensions.Hosting"],
            ReadmeFile.InstalledPackages());
    }

    internal static string RepositoryRoot() => ReadmeFile.RepositoryRoot();

    // Compare line by line with indentation and trailing blanks removed, so a snippet indented inside a method matches.
    private static string Normalize(string text) =>
        string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0));
}
