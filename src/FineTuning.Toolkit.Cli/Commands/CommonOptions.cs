using System.CommandLine;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Write JSON for scripts instead of tables and text." };
}
