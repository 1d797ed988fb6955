using System.CommandLine;
using FineTuning.Toolkit.Cli.Output;
using FineTuning.Toolkit.Cli.Providers;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Providers;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary><c>ftk deploy</c>: make a fine-tuned model answer (an Azure OpenAI deployment on the management plane,
/// waited for until it has succeeded), or delete a deployment.</summary>
internal static class DeployCommand
{
    public static IReadOnlyList<string> Examples { get; } =
    [
        "ftk deploy gpt-4o-mini-2024-07-18.ft-abc123 --provider azure --deployment techflow-support",
        "ftk deploy gpt-4o-mini-2024-07-18.ft-abc123 --provider azure --ask \"How do I reset my password?\"   # deploy, then one chat",
        "ftk deploy techflow-support --provider azure --delete          # delete the deployment",
    ];

    public static Command Create(CliHost host)
    {
        var model = new Argument<string>("model") { Description = "The fine-tuned model to deploy (with --delete: the deployment name)." };
        var delete = new Option<bool>("--delete") { Description = "Delete the deployment (named by --deployment, else the argument) instead of creating it." };
        var ask = AskOption();
        var json = CommonOptions.Json();
        var provider = new ProviderOptions();
        var command = new Command("deploy", "Deploy a fine-tuned model so that it answers (Azure OpenAI: waits until the deployment has succeeded), or delete a deployment.")
        {
            model, delete, ask, json,
        };
        provider.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = provider.Resolve(parseResult, host);
            var runner = ProviderClients.CreateRunner(settings);
            var name = parseResult.GetValue(model)!;
            if (parseResult.GetValue(delete))
            {
                var deployment = settings.Azure?.Deployment ?? name;
                var deleted = await runner.DeleteDeploymentAsync(deployment, cancellationToken);
                await host.Out.WriteLineAsync(parseResult.GetValue(json)
                    ? JobOutput.Json(w => { w.WriteStartObject(); w.WriteString("deployment", deployment); w.WriteBoolean("deleted", deleted); w.WriteEndObject(); })
                    : deleted ? $"deleted deployment {deployment}" : $"no deployment {deployment}");
                return ExitCodes.Success;
            }

            return await DeployAndAskAsync(host, runner, name, settings.Azure?.Deployment, parseResult.GetValue(ask), parseResult.GetValue(json), cancellationToken);
        });
        return command;
    }

    public static Option<string?> AskOption() => new("--ask") { Description = "After deploying, send this prompt to the model and print the answer (a smoke test)." };

    /// <summary>Deploys (where the provider needs it), prints the deployment, and optionally asks one question.</summary>
    public static async Task<int> DeployAndAskAsync(CliHost host, FineTuneJobRunner runner, string model, string? deploymentName, string? prompt, bool asJson, CancellationToken cancellationToken)
    {
        var progress = new SyncProgress<FineTuneProgress>(p =>
        {
            if (!asJson)
            {
                host.Out.WriteLine(p.Message);
            }
        });
        ModelDeployment deployment = await runner.DeployAsync(model, deploymentName, progress, cancellationToken);
        string? answer = null;
        if (prompt is not null)
        {
            var response = await runner.GetChatClient(deployment.Name).GetResponseAsync(prompt, cancellationToken: cancellationToken);
            answer = response.Text;
        }

        await host.Out.WriteLineAsync(asJson
            ? JobOutput.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("deployment", deployment.Name);
                w.WriteString("model", deployment.Model);
                w.WriteString("state", deployment.State);
                if (deployment.Sku is not null)
                {
                    w.WriteString("sku", deployment.Sku);
                }

                if (answer is not null)
                {
                    w.WriteString("answer", answer);
                }

                w.WriteEndObject();
            })
            : $"deployment: {deployment.Name} ({deployment.State}{(deployment.Sku is null ? string.Empty : ", " + deployment.Sku)}) — chat with model \"{deployment.Name}\""
              + (runner.Capabilities.RequiresDeployment ? $"{Environment.NewLine}Azure deletes a deployment idle for 15 days; delete it when done: ftk deploy {deployment.Name} --provider azure --delete" : string.Empty)
              + (answer is null ? string.Empty : $"{Environment.NewLine}answer: {answer}"));
        return deployment.IsSucceeded ? ExitCodes.Success : ExitCodes.Failed;
    }
}
