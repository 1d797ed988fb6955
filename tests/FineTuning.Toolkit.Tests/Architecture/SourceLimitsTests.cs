using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Tests.Readme;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FineTuning.Toolkit.Tests.Architecture;

/// <summary>
/// Keeps the hard limits of the source tree: no file in <c>src/</c> over 400 lines, no method (constructor, accessor,
/// operator or local function) over 80 lines, and at most 80 public types in the FineTuning.Toolkit assembly.
/// </summary>
public sealed class SourceLimitsTests
{
    private const int MaxFileLines = 400;
    private const int MaxMethodLines = 80;
    private const int MaxPublicTypes = 80;

    [Fact]
    public void SourceFiles_InSrc_AtMost400Lines()
    {
        var tooLong = SourceFiles()
            .Select(path => (Path: Relative(path), Lines: File.ReadAllLines(path).Length))
            .Where(f => f.Lines > MaxFileLines)
            .Select(f => $"{f.Path}: {f.Lines} lines")
            .ToList();

        Assert.True(tooLong.Count == 0, "Over " + MaxFileLines + " lines:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void Methods_InSrc_AtMost80Lines()
    {
        var tooLong = SourceFiles()
            .SelectMany(path => LongMethods(File.ReadAllText(path), MaxMethodLines).Select(m => $"{Relative(path)}: {m}"))
            .ToList();

        Assert.True(tooLong.Count == 0, "Over " + MaxMethodLines + " lines:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void LongMethods_MethodAccessorAndLocalFunctionOverTheLimit_AreFound()
    {
        var body = string.Concat(Enumerable.Repeat("        Console.WriteLine();\n", 79));
        var source = $$"""
            class C
            {
                void Long()
                {
            {{body}}    }

                void Short()
                {
            {{string.Concat(Enumerable.Repeat("        Console.WriteLine();\n", 77))}}    }

                int P
                {
                    get
                    {
            {{body}}            return 0;
                    }
                }

                void Outer()
                {
                    void Inner()
                    {
            {{body}}        }
                }
            }
            """;

        var found = LongMethods(source, MaxMethodLines);

        Assert.Equal(4, found.Count);
        Assert.Contains(found, m => m.StartsWith("Long ", StringComparison.Ordinal));
        Assert.Contains(found, m => m.StartsWith("get ", StringComparison.Ordinal));
        Assert.Contains(found, m => m.StartsWith("Inner ", StringComparison.Ordinal));
        Assert.Contains(found, m => m.StartsWith("Outer ", StringComparison.Ordinal));
        Assert.DoesNotContain(found, m => m.StartsWith("Short ", StringComparison.Ordinal));
    }

    [Fact]
    public void ExportedTypes_FineTuningToolkit_AtMost80()
    {
        var exported = typeof(Dataset).Assembly.GetExportedTypes();

        Assert.True(exported.Length <= MaxPublicTypes, $"{exported.Length} public types (nested included):\n" + string.Join("\n", exported.Select(t => t.FullName).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void ExportedTypes_FineTuningToolkit_MatchPublicApiFile()
    {
        var file = Path.Combine(ReadmeFile.RepositoryRoot(), "src", "FineTuning.Toolkit", "PublicAPI.Unshipped.txt");
        var declared = File.ReadAllLines(file)
            .Where(line => line.Length > 0 && !line.Contains(' ', StringComparison.Ordinal) && !line.Contains('(', StringComparison.Ordinal) && !line.StartsWith('#'))
            .Select(line => line.Split('<')[0])
            .ToHashSet(StringComparer.Ordinal);
        var exported = typeof(Dataset).Assembly.GetExportedTypes().Select(t => t.FullName!.Split('`')[0].Replace('+', '.')).ToList();

        Assert.All(exported, name => Assert.Contains(name, declared));
    }

    /// <summary>The members of a C# source whose declaration spans more than <paramref name="limit"/> lines, as "name (N lines, line L)".</summary>
    internal static List<string> LongMethods(string source, int limit)
    {
        var root = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview)).GetRoot();
        var found = new List<string>();
        foreach (var node in root.DescendantNodes())
        {
            var name = node switch
            {
                MethodDeclarationSyntax m => m.Identifier.Text,
                ConstructorDeclarationSyntax c => c.Identifier.Text + " (constructor)",
                DestructorDeclarationSyntax d => "~" + d.Identifier.Text,
                OperatorDeclarationSyntax o => "operator " + o.OperatorToken.Text,
                ConversionOperatorDeclarationSyntax c => "conversion to " + c.Type,
                AccessorDeclarationSyntax a => a.Keyword.Text + " accessor",
                LocalFunctionStatementSyntax l => l.Identifier.Text,
                _ => null,
            };
            if (name is null)
            {
                continue;
            }

            var span = node.GetLocation().GetLineSpan();
            var lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
            if (lines > limit)
            {
                found.Add($"{name.Split(' ')[0]} ({name}: {lines} lines, line {span.StartLinePosition.Line + 1})");
            }
        }

        return found;
    }

    private static IEnumerable<string> SourceFiles()
    {
        var src = Path.Combine(ReadmeFile.RepositoryRoot(), "src");
        var separator = Path.DirectorySeparatorChar;
        return Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !path.Contains($"{separator}bin{separator}", StringComparison.Ordinal));
    }

    private static string Relative(string path) => Path.GetRelativePath(ReadmeFile.RepositoryRoot(), path);
}
