using System.CommandLine;
using System.CommandLine.Help;
using FineTuning.Toolkit.Cli.Commands;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Cli;

/// <summary>The <c>ftk</c> command line: builds the command tree and runs one command line.</summary>
internal static class FtkApp
{
    /// <summary>Runs the tool on the process's console; Ctrl+C cancels the running command once, a second press ends
    /// the process.</summary>
    public static async Task<int> RunAsync(string[] args, CliHost host)
    {
        using var interrupt = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (!interrupt.IsCancellationRequested)
            {
                e.Cancel = true;
                interrupt.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await RunAsync(args, host, interrupt.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs one command line against <paramref name="host"/>; <paramref name="cancellationToken"/> plays
    /// the part of Ctrl+C.</summary>
    public static async Task<int> RunAsync(string[] args, CliHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(host);
        var root = CreateRootCommand(host);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.Action is not HelpAction and not ExamplesHelpAction)
        {
            foreach (var error in parseResult.Errors)
            {
                await host.Error.WriteLineAsync(error.Message);
            }

            await host.Error.WriteLineAsync($"Run '{CommandPath(parseResult.CommandResult.Command)} --help' for usage and examples.");
            return ExitCodes.Usage;
        }

        var configuration = new InvocationConfiguration
        {
            Output = host.Out,
            Error = host.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // Ctrl+C is ours: it detaches from jobs rather than killing the process.
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (CliUsageException ex)
        {
            await host.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (NotSupportedException ex)
        {
            // For example pausing a job at a provider that cannot (Together AI).
            await host.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (FineTuneApiException ex)
        {
            await host.Error.WriteLineAsync(ex.StatusCode == 0
                ? $"error: the service could not be reached: {ex.Message}"
                : $"error: the service answered {ex.StatusCode}: {ex.Message}");
            return ExitCodes.ServiceError;
        }
        catch (HttpRequestException ex)
        {
            await host.Error.WriteLineAsync($"error: the service could not be reached: {ex.Message}");
            return ExitCodes.ServiceError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await host.Error.WriteLineAsync("Interrupted.");
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>Builds the command tree; every command prints examples under its <c>--help</c>.</summary>
    public static RootCommand CreateRootCommand(CliHost host)
    {
        var root = new RootCommand(
            "ftk: fine-tune chat models from a terminal or CI. Validate and estimate datasets, train and watch jobs, "
            + "compare models with gates, and serve a local OpenAI-compatible emulator.");
        var examples = new Dictionary<Command, IReadOnlyList<string>>();
        void Add(Command command, IReadOnlyList<string> lines)
        {
            root.Subcommands.Add(command);
            examples[command] = lines;
        }

        Add(ValidateCommand.Create(host), ValidateCommand.Examples);
        Add(EstimateCommand.Create(host), EstimateCommand.Examples);
        Add(ModelsCommand.Create(host), ModelsCommand.Examples);
        Add(TrainCommand.Create(host), TrainCommand.Examples);
        Add(WatchCommand.Create(host), WatchCommand.Examples);
        var jobs = JobsCommand.Create(host, examples);
        Add(jobs, JobsCommand.Examples);
        Add(CleanupCommand.Create(host), CleanupCommand.Examples);
        Add(DeployCommand.Create(host), DeployCommand.Examples);
        Add(CompareCommand.Create(host), CompareCommand.Examples);
        Add(EmulatorCommand.Create(host), EmulatorCommand.Examples);
        examples[root] =
        [
            "ftk validate data/train.jsonl --format github",
            "ftk estimate data/train.jsonl",
            "ftk train data/train.jsonl --model gpt-4o-mini-2024-07-18 --suffix support --wait",
            "ftk compare --suite suite.json --model base=gpt-4o-mini --model ft=ft:gpt-4o-mini:org::abc --report report.html",
            "ftk emulator --port 5080",
        ];

        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new ExamplesHelpAction((HelpAction)help.Action!, examples, host.Out);
        return root;
    }

    private static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Add(c is RootCommand ? "ftk" : c.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
