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
    private readonly FineTuneJobRunnerOptions _options;

    public ModelServing(OpenAIApiClient api, FineTuneJobRunnerOptions options, TimeProvider timeProvider, Microsoft.Extensions.Logging.ILogger logger)
    {
        _api = api;
        _options = options;
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
                // (openai-dotnet#267): the library's own Together chat client reads it as a stop.
                return Together.TogetherChatClient.Create(_options, modelOrDeployment);
            default:
                // OpenAI and compatible endpoints: the bearer key. Azure: the api-key header only (or an Entra ID token), and
                // the deployment name as the model.
                return new ChatClient(modelOrDeployment, _api.Authentication, _api.CreateClientOptions()).AsIChatClient();
        }
    }
}
