using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Providers.Azure;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace FineTuning.Toolkit.Providers;

/// <summary>
/// Makes trained models answer: deploys them where the provider needs a deployment (Azure OpenAI's management plane),
/// and hands out an <see cref="IChatClient"/> on the runner's own endpoint and credential — never another host's key.
/// </summary>
internal sealed class ModelServing
{
    private readonly OpenAIApiClient _api;
    private readonly AzureDeploymentClient? _azure;

    public ModelServing(OpenAIApiClient api, FineTuneJobRunnerOptions options, TimeProvider timeProvider, Microsoft.Extensions.Logging.ILogger logger)
    {
        _api = api;
        _azure = api.Profile == ProviderProfile.AzureOpenAI ? new AzureDeploymentClient(options.Azure, options.Resilience, timeProvider, logger) : null;
    }

    public Task<ModelDeployment> DeployAsync(string model, string? deploymentName, IProgress<FineTuneProgress>? progress, CancellationToken cancellationToken)
    {
        if (_azure is null)
        {
            // The provider serves trained models under their own names: nothing to call.
            return Task.FromResult(new ModelDeployment(model, model, null, "Succeeded"));
        }

        return _azure.DeployAsync(model, deploymentName ?? ModelDeployment.DefaultName(model), progress, cancellationToken);
    }

    public Task<bool> DeleteDeploymentAsync(string deploymentName, CancellationToken cancellationToken) =>
        _azure is null ? Task.FromResult(false) : _azure.DeleteAsync(deploymentName, cancellationToken);

    public IChatClient GetChatClient(string modelOrDeployment)
    {
        switch (_api.Profile.Name)
        {
            case "together":
                // Together ends Llama-family answers with finish_reason "eos", which the OpenAI SDK's chat client throws on
                // (openai-dotnet#267): the Together chat client lands with the Together provider.
                throw new NotSupportedException("A chat client for Together AI is not available in this build; use Together's OpenAI-compatible chat API with a client that accepts finish_reason \"eos\".");
            default:
                // OpenAI and compatible endpoints: the bearer key. Azure: the api-key header only (or an Entra ID token), and
                // the deployment name as the model.
                return new ChatClient(modelOrDeployment, _api.Authentication, _api.CreateClientOptions()).AsIChatClient();
        }
    }
}
