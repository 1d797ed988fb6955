using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FineTuning.Toolkit.Tests.Readme;

/// <summary>
/// Compiles a C# text the way <c>dotnet new console</c> builds its <c>Program.cs</c>: top-level statements, the
/// template's implicit usings, nullable enabled, against the .NET reference assemblies plus exactly the assemblies of
/// the given packages and their dependencies (read from this test's deps.json, so nothing else is visible: not xunit,
/// not the test project). Returns every warning and error.
/// </summary>
internal static class ConsoleAppCompiler
{
    // The implicit usings of Microsoft.NET.Sdk console apps.
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    // Microsoft.NET.Sdk's default NoWarn: the compiler's "assuming assembly reference ... matches" notes, which the
    // SDK's own binding resolution makes moot.
    private static readonly string[] SdkNoWarn = ["CS1701", "CS1702"];

    public static IReadOnlyList<string> Compile(string program, IReadOnlyList<string> packages)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "ReadmeBlock",
            [CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "GlobalUsings.g.cs"), CSharpSyntaxTree.ParseText(program, parse, "Program.cs")],
            References(packages),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(SdkNoWarn.ToDictionary(id => id, _ => ReportDiagnostic.Suppress)));
        using var pe = new MemoryStream();
        var emitted = compilation.Emit(pe);
        return [.. emitted.Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && !d.IsSuppressed)
            .Select(d => d.ToString())];
    }

    private static List<MetadataReference> References(IReadOnlyList<string> packages)
    {
        var references = FrameworkReferenceAssemblies("Microsoft.NETCore.App").ToList();
        if (packages.Contains("FineTuning.Toolkit.Testing"))
        {
            // The emulator package brings the ASP.NET Core shared framework, as its FrameworkReference does in an app.
            references.AddRange(FrameworkReferenceAssemblies("Microsoft.AspNetCore.App"));
        }

        references.AddRange(PackageAssemblies(packages).Select(p => MetadataReference.CreateFromFile(p)));
        return references;
    }

    private static IEnumerable<MetadataReference> FrameworkReferenceAssemblies(string framework)
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var major = $"{Environment.Version.Major}.";
        var pack = new DirectoryInfo(Path.Combine(dotnetRoot, "packs", framework + ".Ref"));
        var version = pack.Exists
            ? pack.GetDirectories().Where(d => d.Name.StartsWith(major, StringComparison.Ordinal)).OrderByDescending(d => Version.TryParse(d.Name.Split('-')[0], out var v) ? v : new Version()).FirstOrDefault()
            : null;
        var folder = version is not null
            ? Path.Combine(version.FullName, "ref", $"net{Environment.Version.Major}.{Environment.Version.Minor}")
            : Path.Combine(dotnetRoot, "shared", framework, Path.GetFileName(runtimeDirectory)); // no reference pack: the runtime's own assemblies
        return Directory.EnumerateFiles(folder, "*.dll").Select(f => MetadataReference.CreateFromFile(f));
    }

    /// <summary>The runtime assemblies of the packages and of everything they depend on, from this test's deps.json.</summary>
    private static IEnumerable<string> PackageAssemblies(IReadOnlyList<string> packages)
    {
        var depsFile = Path.Combine(AppContext.BaseDirectory, typeof(ConsoleAppCompiler).Assembly.GetName().Name + ".deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllBytes(depsFile));
        var target = deps.RootElement.GetProperty("targets").EnumerateObject().First().Value;
        var libraries = target.EnumerateObject().ToDictionary(p => p.Name.Split('/')[0], p => p.Value, StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<string>(packages);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var files = new List<string>();
        while (pending.TryDequeue(out var name))
        {
            if (!seen.Add(name) || !libraries.TryGetValue(name, out var library))
            {
                continue;
            }

            if (library.TryGetProperty("runtime", out var runtime))
            {
                files.AddRange(runtime.EnumerateObject()
                    .Select(r => Path.Combine(AppContext.BaseDirectory, Path.GetFileName(r.Name)))
                    .Where(File.Exists));
            }

            if (library.TryGetProperty("dependencies", out var dependencies))
            {
                foreach (var dependency in dependencies.EnumerateObject())
                {
                    pending.Enqueue(dependency.Name);
                }
            }
        }

        Assert.True(packages.All(seen.Contains), $"A package of Install is not a dependency of the test project: {string.Join(", ", packages.Where(p => !seen.Contains(p)))}");
        return files.Distinct(StringComparer.Ordinal);
    }
}
