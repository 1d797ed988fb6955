using System.CommandLine;
using FineTuning.Toolkit.Cli.Output;
using FineTuning.Toolkit.Cli.Providers;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary><c>ftk watch</c>: re-attach to a job and follow it to the end.</summary>
internal static class WatchCommand
{
    public static IReadOnlyList<string> Examples { get; } =
    [
        "ftk watch ftjob-abc123",
        "ftk watch ftjob-abc123 --json > result.json",
        "ftk watch ftjob-abc123 --cancel-on-interrupt   # Ctrl+C also cancels the job",
    ];

    public static Option<bool> CancelOnInterruptOption() => new("--cancel-on-interrupt")
    {
        Description = "Ctrl+C also cancels the remote job (by default it only detaches: the job keeps running and 'ftk watch' re-attaches).",
    };

    public static Option<double?> MaxPollIntervalOption() => new("--max-poll-interval")
    {
        Description = "Longest wait between two reads of the job, in seconds (default 180; the cadence adapts below it). Lower it for an emulator whose clock runs fast.",
    };

    public static Command Create(CliHost host)
    {
        var job = new Argument<string>("job") { Description = "The job id." };
        var cancelOnInterrupt = CancelOnInterruptOption();
        var maxPoll = MaxPollIntervalOption();
        var json = CommonOptions.Json();
        var provider = new ProviderOptions();
        var command = new Command("watch", "Follow a job to the end: live progress bar, loss and ETA; exit code 0 when it succeeds.") { job, cancelOnInterrupt, maxPoll, json };
        provider.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var interruptCancels = parseResult.GetValue(cancelOnInterrupt);
            var runner = ProviderClients.CreateRunner(provider.Resolve(parseResult, host), interruptCancels, parseResult.GetValue(maxPoll));
            var id = parseResult.GetValue(job)!;
            return await RunToEndAsync(host, id, id, parseResult.GetValue(json), interruptCancels, p => runner.WaitForCompletionAsync(id, p, cancellationToken));
        });
        return command;
    }

    /// <summary>Shows progress until the job ends; on Ctrl+C says whether the job was left running or cancelled.</summary>
    public static async Task<int> RunToEndAsync(CliHost host, string title, string? knownJobId, bool asJson, bool interruptCancels, Func<IProgress<FineTuneProgress>, Task<FineTuneResult>> work)
    {
        var view = new JobProgressView(host, quiet: asJson);
        try
        {
            var result = await view.RunAsync(title, work);
            await host.Out.WriteAsync(asJson ? JobOutput.ResultJson(result) + Environment.NewLine : JobOutput.ResultText(result));
            return result.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            var jobId = view.JobId ?? knownJobId;
            await host.Error.WriteLineAsync(jobId is null
                ? "Interrupted before a job was created."
                : interruptCancels
                    ? $"Interrupted: cancelling job {jobId}."
                    : $"Detached: job {jobId} keeps running. Re-attach with: ftk watch {jobId}");
            return ExitCodes.Interrupted;
        }
    }
}
