using Spectre.Console;

namespace FineTuning.Toolkit.Cli;

/// <summary>
/// Where a run of the tool writes and what it reads from its surroundings: the process's console and environment, or
/// (in tests) string writers and a dictionary, so the whole tool runs in process.
/// </summary>
internal sealed class CliHost
{
    private readonly Func<string, string?> _environment;

    public CliHost(TextWriter output, TextWriter error, Func<string, string?> environment, bool interactive)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(environment);
        Out = output;
        Error = error;
        _environment = environment;
        Interactive = interactive;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            // Redirected output (CI logs, pipes, tests): wide enough that table rows do not wrap.
            Console.Profile.Width = 200;
        }
    }

    /// <summary>Gets the standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Gets the standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Gets a value indicating whether a person watches a terminal (live progress, colours).</summary>
    public bool Interactive { get; }

    /// <summary>Gets the Spectre console over <see cref="Out"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Gets the directory relative paths are resolved against.</summary>
    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Gets the clock for dates (training cut-offs) and waits: the system clock, or a test's.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static CliHost FromConsole() =>
        new(System.Console.Out, System.Console.Error, Environment.GetEnvironmentVariable, !System.Console.IsOutputRedirected);

    /// <summary>Reads an environment variable; empty values count as unset.</summary>
    public string? GetEnvironmentVariable(string name)
    {
        var value = _environment(name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>Resolves a path given on the command line against <see cref="CurrentDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, CurrentDirectory);
}
