using System.ClientModel.Primitives;
using Azure.Core.Pipeline;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Validation;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Cli.Providers;

/// <summary>Creates the library's clients from resolved <see cref="ProviderSettings"/>.</summary>
internal static class ProviderClients
{
    public static FineTuneJobRunner CreateRunner(ProviderSettings settings, bool cancelRemoteJobOnInterrupt = false, double? maxPollSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new FineTuneJobRunnerOptions
        {
            Provider = settings.Provider,
            ApiKey = RequireKey(settings),
            Endpoint = settings.Endpoint,
            Organization = settings.Organization,
            Project = settings.Project,
            CancelRemoteJobOnAbandon = cancelRemoteJobOnInterrupt,
        };
        if (settings.Provider == "together")
        {
            options.DefaultModel = TogetherDefaultModel;
        }

        if (settings.TrustedCertificatePath is { } pem)
        {
            options.Transport = new HttpClientPipelineTransport(new HttpClient(LoopbackCertificateTrust.CreateHandler(pem)));
        }

        if (settings.Azure is { } azure)
        {
            ConfigureAzure(options, azure, settings.TrustedCertificatePath);
        }

        if (maxPollSeconds is { } seconds)
        {
            if (!double.IsFinite(seconds) || seconds < 0.25 || seconds > 3600)
            {
                throw new CliUsageException("--max-poll-interval must be between 0.25 and 3600 seconds.");
            }

            var max = TimeSpan.FromSeconds(seconds);
            options.Polling.MaxInterval = max;
            options.Polling.RunningInterval = TimeSpan.FromTicks(Math.Min(options.Polling.RunningInterval.Ticks, max.Ticks));
            options.Polling.QueuedInterval = TimeSpan.FromTicks(Math.Min(options.Polling.QueuedInterval.Ticks, max.Ticks));
            options.Polling.EventsInterval = TimeSpan.FromTicks(Math.Min(options.Polling.EventsInterval.Ticks, max.Ticks));
            options.Azure.DeploymentPollInterval = TimeSpan.FromTicks(Math.Min(options.Azure.DeploymentPollInterval.Ticks, max.Ticks));
        }

        return new FineTuneJobRunner(options, settings.Time, validator: new DatasetValidator()); // validated once, before anything is uploaded
    }

    /// <summary>The base model <c>ftk train --provider together</c> fine-tunes when no <c>--model</c> is given.</summary>
    public const string TogetherDefaultModel = "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference";

    /// <summary>A chat client from the runner itself: the provider's endpoint and credential (on Azure, the deployment name is the model).</summary>
    public static IChatClient CreateChatClient(ProviderSettings settings, string model)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return CreateRunner(settings).GetChatClient(model);
    }

    private static void ConfigureAzure(FineTuneJobRunnerOptions options, AzureSettings azure, string? trustedCertificate)
    {
        options.TrainingType = azure.TrainingType;
        options.Azure.SubscriptionId = azure.Subscription;
        options.Azure.ResourceGroup = azure.ResourceGroup;
        options.Azure.AccountName = azure.Account;
        if (azure.ManagementEndpoint is { } management)
        {
            options.Azure.ManagementEndpoint = management;
        }

        if (azure.DeploymentSku is { } sku)
        {
            options.Azure.DeploymentSku = sku.ToLowerInvariant();
        }

        if (azure.AccessToken is { } token)
        {
            options.Azure.Credential = new StaticTokenCredential(token);
        }

        if (trustedCertificate is not null)
        {
            options.Azure.ManagementTransport = new HttpClientTransport(new HttpClient(LoopbackCertificateTrust.CreateHandler(trustedCertificate)));
        }
    }

    private static string? RequireKey(ProviderSettings settings)
    {
        var info = ProviderCatalog.Get(settings.Provider);
        if (settings.ApiKey is null && settings.Azure?.AccessToken is not null)
        {
            return null; // Azure: the Entra ID token on the data plane too
        }

        return settings.ApiKey ?? throw new CliUsageException(
            $"No API key for {settings.Provider}: set {string.Join(" or ", info.KeyVariables)}"
            + (settings.Provider == "azure" ? $" (or {AzureSettings.AccessTokenVariable} for Entra ID)" : string.Empty)
            + $", or add \"apiKey\" under \"{settings.Provider}\" in {settings.ConfigPath}.");
    }
}
