using FineTuning.Toolkit.Providers;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Jobs;

/// <summary>The serving side of the runner: deploying a trained model where the provider needs it, and chatting with it.</summary>
public sealed partial class FineTuneJobRunner
{
    /// <summary>
    /// Makes a fine-tuned model answer. On Azure OpenAI: creates (or updates) a deployment on the management plane with
    /// <see cref="AzureOpenAIOptions.DeploymentSku"/> — retrying with the same name is safe — and waits on the runner's
    /// clock until it has succeeded; Azure deletes a deployment idle for 15 days (developer tier after 24 hours), which is
    /// logged as a warning. Elsewhere (<see cref="ProviderCapabilities.RequiresDeployment"/> is <see langword="false"/>):
    /// no call, the model under its own name.
    /// </summary>
    /// <param name="fineTunedModel">The fine-tuned model (<see cref="FineTuneResult.FineTunedModel"/>).</param>
    /// <param name="deploymentName">The deployment name; <see langword="null"/> for one derived from the model.</param>
    /// <param name="progress">Receives <see cref="FineTuneStage.Deploying"/> reports; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Stops waiting (the deployment is not deleted).</param>
    /// <returns>The deployment; chat with it through <see cref="GetChatClient"/> with <see cref="ModelDeployment.Name"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fineTunedModel"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The deployment failed (the message carries Azure's error), or the subscription, resource group or account is not set.</exception>
    /// <exception cref="TimeoutException">The deployment did not succeed within <see cref="AzureOpenAIOptions.DeploymentTimeout"/>.</exception>
    /// <exception cref="FineTuneApiException">Azure Resource Manager refused a call, or retries were exhausted.</exception>
    public Task<ModelDeployment> DeployAsync(string fineTunedModel, string? deploymentName = null, IProgress<FineTuneProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fineTunedModel);
        return _serving.DeployAsync(fineTunedModel, deploymentName, progress, cancellationToken);
    }

    /// <summary>Deletes a deployment (Azure OpenAI); elsewhere there is none and nothing is called.</summary>
    /// <param name="deploymentName">The deployment name (<see cref="ModelDeployment.Name"/>).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns><see langword="true"/> when a deployment was deleted; <see langword="false"/> when there was none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deploymentName"/> is <see langword="null"/>.</exception>
    public Task<bool> DeleteDeploymentAsync(string deploymentName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deploymentName);
        return _serving.DeleteDeploymentAsync(deploymentName, cancellationToken);
    }

    /// <summary>
    /// Gets a chat client on the runner's endpoint and credential: OpenAI and compatible endpoints with the bearer key;
    /// Azure OpenAI with the key in the <c>api-key</c> header only (or the Entra ID token) and the deployment name as the model.
    /// </summary>
    /// <param name="modelOrDeployment">The model (a base or fine-tuned model), or on Azure the deployment name.</param>
    /// <returns>The chat client.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="modelOrDeployment"/> is <see langword="null"/>.</exception>
    public IChatClient GetChatClient(string modelOrDeployment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelOrDeployment);
        return _serving.GetChatClient(modelOrDeployment);
    }
}
