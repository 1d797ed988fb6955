using System.CommandLine;
using FineTuning.Toolkit.Cli.Output;
using FineTuning.Toolkit.Cli.Providers;
using FineTuning.Toolkit.Providers;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary><c>ftk cleanup</c>: delete what a finished job left behind (its files, and its model unless kept).</summary>
internal static class CleanupCommand
{
    public static IReadOnlyList<string> Examples { get; } =
    [
        "ftk cleanup ftjob-abc123                 # deletes the uploaded files and the fine-tuned model",
        "ftk cleanup ftjob-abc123 --keep-model    # deletes only the files",
        "ftk cleanup ftjob-abc123 --provider azure --deployment techflow-support   # the deployment first, then files and model",
    ];

    public static Command Create(CliHost host)
    {
        var job = new Argument<string>("job") { Description = "A finished job's id." };
        var keepModel = new Option<bool>("--keep-model") { Description = "Keep the fine-tuned model; delete only the uploaded files." };
        var json = CommonOptions.Json();
        var provider = new ProviderOptions();
        var command = new Command("cleanup", "Delete a finished job's uploaded files and fine-tuned model (and on Azure OpenAI its deployment first).") { job, keepModel, json };
        provider.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = provider.Resolve(parseResult, host);
            var runner = ProviderClients.CreateRunner(settings);
            var id = parseResult.GetValue(job)!;
            var current = await runner.GetJobAsync(id, cancellationToken);
            if (!current.Status.IsTerminal)
            {
                await host.Error.WriteLineAsync($"Job {id} is {current.Status.Value}; cancel it first (ftk jobs cancel {id}) or wait for it to end.");
                return ExitCodes.Failed;
            }

            var result = await runner.WaitForCompletionAsync(id, cancellationToken: cancellationToken);
            var deleted = new List<string>();
            if (runner.Capabilities.RequiresDeployment && !parseResult.GetValue(keepModel) && result.FineTunedModel is { } trained)
            {
                // A model cannot be deleted while a deployment serves it: the deployment goes first (--deployment, else the default name).
                var deployment = settings.Azure?.Deployment ?? ModelDeployment.DefaultName(trained);
                if (await runner.DeleteDeploymentAsync(deployment, cancellationToken))
                {
                    deleted.Add("deployment " + deployment);
                }
            }

            deleted.AddRange(await runner.CleanupAsync(result, deleteModel: !parseResult.GetValue(keepModel), cancellationToken));
            await host.Out.WriteLineAsync(parseResult.GetValue(json)
                ? JobOutput.Json(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("jobId", id);
                    w.WriteStartArray("deleted");
                    foreach (var item in deleted)
                    {
                        w.WriteStringValue(item);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                })
                : deleted.Count == 0 ? "Nothing to delete." : string.Join(Environment.NewLine, deleted.Select(d => $"deleted {d}")));
            return ExitCodes.Success;
        });
        return command;
    }
}
