using System.ClientModel;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Validation;
using Microsoft.Extensions.AI;
using OpenAI;

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
        }

        return new FineTuneJobRunner(options, validator: new DatasetValidator()); // validated once, before anything is uploaded
    }

    /// <summary>The base model <c>ftk train --provider together</c> fine-tunes when no <c>--model</c> is given.</summary>
    public const string TogetherDefaultModel = "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference";

    public static IChatClient CreateChatClient(ProviderSettings settings, string model)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new OpenAIClientOptions();
        if (settings.Endpoint is not null)
        {
            options.Endpoint = settings.Endpoint;
        }

        if (settings.Organization is not null)
        {
            options.OrganizationId = settings.Organization;
        }

        if (settings.Project is not null)
        {
            options.ProjectId = settings.Project;
        }

        return new OpenAIClient(new ApiKeyCredential(RequireKey(settings)), options).GetChatClient(model).AsIChatClient();
    }

    private static string RequireKey(ProviderSettings settings)
    {
        var info = ProviderCatalog.Get(settings.Provider);
        return settings.ApiKey ?? throw new CliUsageException(
            $"No API key for {settings.Provider}: set {string.Join(" or ", info.KeyVariables)}, or add \"apiKey\" under \"{settings.Provider}\" in {settings.ConfigPath}.");
    }
}
