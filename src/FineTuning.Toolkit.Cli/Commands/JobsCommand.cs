using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Cli.Output;
using FineTuning.Toolkit.Cli.Providers;
using FineTuning.Toolkit.Jobs;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary><c>ftk jobs list|cancel|pause|resume</c>.</summary>
internal static class JobsCommand
{
    public static IReadOnlyList<string> Examples { get; } =
    [
        "ftk jobs list",
        "ftk jobs list --limit 5 --json",
        "ftk jobs cancel ftjob-abc123",
        "ftk jobs pause ftjob-abc123",
        "ftk jobs resume ftjob-abc123",
    ];

    public static Command Create(CliHost host, IDictionary<Command, IReadOnlyList<string>> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var command = new Command("jobs", "List fine-tuning jobs, or cancel, pause or resume one.");
        var list = CreateList(host);
        command.Subcommands.Add(list);
        examples[list] = ["ftk jobs list", "ftk jobs list --limit 5 --json"];
        foreach (var (name, verb, call) in new (string, string, Func<FineTuneJobRunner, string, CancellationToken, Task<FineTuneJob>>)[]
        {
            ("cancel", "Cancel", (r, id, ct) => r.CancelAsync(id, ct)),
            ("pause", "Pause", (r, id, ct) => r.PauseAsync(id, ct)),
            ("resume", "Resume", (r, id, ct) => r.ResumeAsync(id, ct)),
        })
        {
            var sub = CreateControl(host, name, $"{verb} a job.", call);
            command.Subcommands.Add(sub);
            examples[sub] = [$"ftk jobs {name} ftjob-abc123", $"ftk jobs {name} ftjob-abc123 --json"];
        }

        return command;
    }

    private static Command CreateList(CliHost host)
    {
        var limit = new Option<int>("--limit", "-n") { Description = "How many jobs, newest first.", DefaultValueFactory = _ => 20 };
        var json = CommonOptions.Json();
        var provider = new ProviderOptions();
        var command = new Command("list", "List fine-tuning jobs, newest first.") { limit, json };
        provider.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var runner = ProviderClients.CreateRunner(provider.Resolve(parseResult, host));
            var count = Math.Max(1, parseResult.GetValue(limit));
            var jobs = new List<FineTuneJob>();
            await foreach (var job in runner.ListJobsAsync(pageSize: Math.Min(count, 100), cancellationToken: cancellationToken))
            {
                jobs.Add(job);
                if (jobs.Count >= count)
                {
                    break;
                }
            }

            if (parseResult.GetValue(json))
            {
                await host.Out.WriteLineAsync(JobOutput.Json(w =>
                {
                    w.WriteStartArray();
                    jobs.ForEach(j => JobOutput.WriteJob(w, j));
                    w.WriteEndArray();
                }));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("Job", "Status", "Model", "Fine-tuned model", "Created (UTC)");
            foreach (var job in jobs)
            {
                table.AddRow(Markup.Escape(job.Id), Markup.Escape(job.Status.Value), Markup.Escape(job.Model), Markup.Escape(job.FineTunedModel ?? "—"),
                    job.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }

            host.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateControl(CliHost host, string name, string description, Func<FineTuneJobRunner, string, CancellationToken, Task<FineTuneJob>> call)
    {
        var job = new Argument<string>("job") { Description = "The job id." };
        var json = CommonOptions.Json();
        var provider = new ProviderOptions();
        var command = new Command(name, description) { job, json };
        provider.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var runner = ProviderClients.CreateRunner(provider.Resolve(parseResult, host));
            var result = await call(runner, parseResult.GetValue(job)!, cancellationToken);
            await host.Out.WriteLineAsync(parseResult.GetValue(json) ? JobOutput.Json(w => JobOutput.WriteJob(w, result)) : $"{result.Id}: {result.Status.Value}");
            return ExitCodes.Success;
        });
        return command;
    }
}
