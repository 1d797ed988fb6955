using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace FineTuning.Toolkit.Providers.Azure;

/// <summary>
/// Deployments of an Azure OpenAI account on Azure Resource Manager, through Azure.Core's <see cref="HttpPipeline"/>
/// with <see cref="BearerTokenAuthenticationPolicy"/> (scope <c>{ManagementEndpoint}/.default</c>): an idempotent PUT
/// (retrying it with the same name cannot create a second deployment), then GETs on the runner's clock until
/// <c>provisioningState</c> is terminal, and DELETE.
/// </summary>
internal sealed class AzureDeploymentClient
{
    /// <summary>The Microsoft.CognitiveServices API version of the deployment calls.</summary>
    public const string ApiVersion = "2024-10-01";

    private readonly AzureOpenAIOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lazy<HttpPipeline> _pipeline;
    private readonly ResiliencePipeline _calls;

    public AzureDeploymentClient(AzureOpenAIOptions options, FineTuneResilienceOptions resilience, TimeProvider timeProvider, ILogger logger)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;

        // Built on first use: the DefaultAzureCredential default is created only when the management plane is called.
        _pipeline = new Lazy<HttpPipeline>(() => HttpPipelineBuilder.Build(
            new ArmClientOptions(options),
            new BearerTokenAuthenticationPolicy(AzureCredentials.ManagementCredential(options), AzureCredentials.ManagementScope(options.ManagementEndpoint))));
        _calls = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(resilience.MaxRetryAttempts, 1),
                BackoffType = DelayBackoffType.Exponential,
                Delay = resilience.BaseDelay,
                MaxDelay = resilience.MaxDelay,
                UseJitter = resilience.UseJitter,
                ShouldHandle = args => ValueTask.FromResult(resilience.MaxRetryAttempts > 0 && IsTransient(args.Outcome.Exception, args.Context.CancellationToken)),
                OnRetry = args =>
                {
                    Log.DeploymentCallRetried(logger, args.Context.OperationKey ?? "deployment call", args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            })
            .AddTimeout(resilience.AttemptTimeout)
            .Build();
    }

    /// <summary>Creates (or updates) the deployment and waits until it has succeeded.</summary>
    public async Task<ModelDeployment> DeployAsync(string model, string name, IProgress<FineTuneProgress>? progress, CancellationToken cancellationToken)
    {
        var uri = DeploymentUri(name);
        var body = ArmDeploymentJson.CreateBody(model, _options.DeploymentSku, _options.DeploymentCapacity);
        progress?.Report(new FineTuneProgress { Stage = FineTuneStage.Deploying, Message = $"Deploying {model} as {name} ({ArmDeploymentJson.SkuName(_options.DeploymentSku)})." });
        Log.DeploymentRequested(_logger, model, name, _options.DeploymentSku);
        var created = ArmDeploymentJson.Read((await SendAsync("deploy", RequestMethod.Put, uri, body, cancellationToken).ConfigureAwait(false)).Body, name, model);
        progress?.Report(new FineTuneProgress { Stage = FineTuneStage.Deploying, Message = $"Deployment {created.Name}: {created.State}." });
        var deployment = created.IsSucceeded ? created : await WaitAsync(uri, created, progress, cancellationToken).ConfigureAwait(false);
        if (!deployment.IsSucceeded)
        {
            throw new InvalidOperationException($"Deployment {name} of {model} ended {deployment.State}.");
        }

        Log.DeploymentSucceeded(_logger, name, model);
        if (deployment.ExpiresAt is { } expires)
        {
            Log.DeveloperTierExpires(_logger, name, expires);
        }

        Log.InactivityWarning(_logger, name);
        progress?.Report(new FineTuneProgress { Stage = FineTuneStage.Deploying, Message = $"Deployment {name} succeeded; chat with it as model '{name}'." });
        return deployment;
    }

    /// <summary>Deletes a deployment; <see langword="false"/> when there was none.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            // ARM answers 200/202 when it removed something and 204 when there was nothing to remove.
            var (status, _) = await SendAsync("delete deployment", RequestMethod.Delete, DeploymentUri(name), null, cancellationToken).ConfigureAwait(false);
            Log.DeploymentDeleted(_logger, name, status != 204);
            return status != 204;
        }
        catch (FineTuneApiException ex) when (ex.StatusCode == 404)
        {
            return false;
        }
    }

    private async Task<ModelDeployment> WaitAsync(Uri uri, ModelDeployment first, IProgress<FineTuneProgress>? progress, CancellationToken cancellationToken)
    {
        var polling = new ResiliencePipelineBuilder<ModelDeployment> { TimeProvider = _timeProvider }
            .AddTimeout(_options.DeploymentTimeout)
            .AddRetry(new RetryStrategyOptions<ModelDeployment>
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = _options.DeploymentPollInterval,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex ? IsTransient(ex, args.Context.CancellationToken) : !IsTerminal(args.Outcome.Result!.State)),
            })
            .Build();
        var last = first;
        try
        {
            return await polling.ExecuteAsync(
                async token =>
                {
                    var (_, body) = await SendAsync("read deployment", RequestMethod.Get, uri, null, token).ConfigureAwait(false);
                    var state = ArmDeploymentJson.Read(body, first.Name, first.Model);
                    if (!string.Equals(state.State, last.State, StringComparison.Ordinal))
                    {
                        progress?.Report(new FineTuneProgress { Stage = FineTuneStage.Deploying, Message = $"Deployment {state.Name}: {state.State}." });
                    }

                    last = state;
                    return string.Equals(state.State, "Failed", StringComparison.OrdinalIgnoreCase)
                        ? throw new InvalidOperationException($"Deployment {state.Name} of {state.Model} failed: {ArmDeploymentJson.Error(body) ?? "the service gave no reason"}.")
                        : state;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException($"Deployment {first.Name} of {first.Model} was still {last.State} after {_options.DeploymentTimeout} (AzureOpenAIOptions.DeploymentTimeout); it may still succeed: read it again or delete it.", ex);
        }
    }

    private static bool IsTerminal(string state) =>
        state.Equals("Succeeded", StringComparison.OrdinalIgnoreCase) || state.Equals("Failed", StringComparison.OrdinalIgnoreCase) || state.Equals("Canceled", StringComparison.OrdinalIgnoreCase);

    private async Task<(int Status, BinaryData Body)> SendAsync(string operation, RequestMethod method, Uri uri, BinaryData? body, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
        try
        {
            return await _calls.ExecuteAsync(
                async (ctx, state) =>
                {
                    var pipeline = _pipeline.Value;
                    using var request = pipeline.CreateRequest();
                    request.Method = state.method;
                    request.Uri.Reset(state.uri);
                    request.Headers.Add("Accept", "application/json");
                    if (state.body is not null)
                    {
                        request.Headers.Add("Content-Type", "application/json");
                        request.Content = RequestContent.Create(state.body);
                    }

                    using var response = await SendOnceAsync(pipeline, request, ctx.CancellationToken).ConfigureAwait(false);
                    return response.Status >= 400 ? throw Failure(operation, response) : (response.Status, response.Content);
                },
                context,
                (method, uri, body)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static async Task<Response> SendOnceAsync(HttpPipeline pipeline, Request request, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.SendRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 0 && !cancellationToken.IsCancellationRequested)
        {
            throw new FineTuneApiException($"No response from {request.Uri.Host} ({ex.Message}).", ex) { IsTransient = true, Operation = "deployment" };
        }
    }

    private static FineTuneApiException Failure(string operation, Response response)
    {
        var status = response.Status;
        var error = ArmDeploymentJson.Error(response.Content);
        TimeSpan? retryAfter = response.Headers.TryGetValue("Retry-After", out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : null;
        return new FineTuneApiException($"{operation}: HTTP {status} from Azure Resource Manager: {error ?? response.ReasonPhrase}")
        {
            StatusCode = status,
            ErrorCode = error?.Split(':')[0],
            Operation = operation,
            IsTransient = status is 408 or 429 || status >= 500,
            RetryAfter = retryAfter,
        };
    }

    private static bool IsTransient(Exception? exception, CancellationToken cancellationToken) =>
        exception is RequestFailedException { Status: 0 } || OpenAIApiClient.IsTransient(exception, cancellationToken);

    private Uri DeploymentUri(string name)
    {
        var subscription = Require(_options.SubscriptionId, nameof(AzureOpenAIOptions.SubscriptionId));
        var group = Require(_options.ResourceGroup, nameof(AzureOpenAIOptions.ResourceGroup));
        var account = Require(_options.AccountName, nameof(AzureOpenAIOptions.AccountName));
        var root = _options.ManagementEndpoint.AbsoluteUri.TrimEnd('/') + "/";
        return new Uri(string.Create(
            CultureInfo.InvariantCulture,
            $"{root}subscriptions/{Uri.EscapeDataString(subscription)}/resourceGroups/{Uri.EscapeDataString(group)}/providers/Microsoft.CognitiveServices/accounts/{Uri.EscapeDataString(account)}/deployments/{Uri.EscapeDataString(name)}?api-version={ApiVersion}"));
    }

    private static string Require(string? value, string setting) => string.IsNullOrWhiteSpace(value)
        ? throw new InvalidOperationException($"Deploying on Azure OpenAI needs FineTuneJobRunnerOptions.Azure.{setting} (the management plane's subscription, resource group and account).")
        : value;
}
