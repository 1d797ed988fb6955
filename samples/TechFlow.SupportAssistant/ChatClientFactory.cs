using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.AI;

namespace TechFlow.SupportAssistant;

/// <summary>
/// Chat clients for the models under test, from the runner itself (<see cref="FineTuneJobRunner.GetChatClient"/>): the
/// same endpoint and credential the fine-tuning runs use, on every provider. Where a trained model answers only once
/// deployed (Azure OpenAI), it is deployed first and the deployment is remembered for the cleanup.
/// </summary>
internal sealed class ChatClientFactory(FineTuneJobRunner runner, TextWriter output)
{
    private readonly List<string> _deployments = [];

    /// <summary>Gets the deployments this run created (Azure OpenAI), to delete at cleanup.</summary>
    public IReadOnlyList<string> Deployments => _deployments;

    /// <summary>A base model (on Azure, a deployment of that name).</summary>
    public IChatClient Create(string model) => runner.GetChatClient(model);

    /// <summary>A fine-tuned model: deployed first where the provider needs it.</summary>
    public async Task<IChatClient> CreateForTrainedAsync(string fineTunedModel, CancellationToken cancellationToken)
    {
        if (!runner.Capabilities.RequiresDeployment)
        {
            return runner.GetChatClient(fineTunedModel);
        }

        output.WriteLine($"   🚀 Deploying {fineTunedModel} (a fine-tuned model answers only once deployed)…");
        var deployment = await runner.DeployAsync(fineTunedModel, cancellationToken: cancellationToken);
        _deployments.Add(deployment.Name);
        output.WriteLine($"      deployment '{deployment.Name}' ({deployment.Sku}) is {deployment.State}; chat uses its name as the model."
            + " Azure deletes a deployment idle for 15 days; this run deletes it at cleanup.");
        return runner.GetChatClient(deployment.Name);
    }

    /// <summary>Deletes the deployments this run created; returns how many were deleted.</summary>
    public async Task<int> DeleteDeploymentsAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var name in _deployments)
        {
            deleted += await runner.DeleteDeploymentAsync(name, cancellationToken) ? 1 : 0;
        }

        return deleted;
    }
}
