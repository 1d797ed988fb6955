using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace FineTuning.Toolkit.Cli;

/// <summary>The standard help, followed by the command's examples.</summary>
internal sealed class ExamplesHelpAction : SynchronousCommandLineAction
{
    private readonly HelpAction _inner;
    private readonly IReadOnlyDictionary<Command, IReadOnlyList<string>> _examples;
    private readonly TextWriter _output;

    public ExamplesHelpAction(HelpAction inner, IReadOnlyDictionary<Command, IReadOnlyList<string>> examples, TextWriter output)
    {
        _inner = inner;
        _examples = examples;
        _output = output;
    }

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var exitCode = _inner.Invoke(parseResult);
        if (_examples.TryGetValue(parseResult.CommandResult.Command, out var lines) && lines.Count > 0)
        {
            _output.WriteLine("Examples:");
            foreach (var line in lines)
            {
                _output.WriteLine($"  {line}");
            }

            _output.WriteLine();
        }

        return exitCode;
    }
}
