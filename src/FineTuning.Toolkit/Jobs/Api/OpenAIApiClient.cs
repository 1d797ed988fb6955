using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Text.Json;
using FineTuning.Toolkit.Internal;
using FineTuning.Toolkit.Providers;
using FineTuning.Toolkit.Providers.Azure;
using Microsoft.Extensions.Logging;
using OpenAI;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Sends raw requests through the OpenAI SDK's pipeline (authentication, organization and project headers, transport)
/// with the SDK's retry turned off, inside one Polly pipeline (retry, circuit breaker, per-attempt timeout), and
/// returns the raw JSON so that fields the typed models hide stay readable.
/// </summary>
internal sealed class OpenAIApiClient
{
    private readonly ClientPipeline _pipeline;
    private readonly Uri _endpoint;
    private readonly ResiliencePipeline _resilience;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string? _apiKey;
    private readonly PipelineTransport? _transport;
    private readonly string? _organization;
    private readonly string? _project;

    public OpenAIApiClient(FineTuneJobRunnerOptions options, TimeProvider timeProvider, ILogger logger, Func<double>? randomizer = null)
    {
        _timeProvider = timeProvider;
        _logger = logger;
        Profile = ProviderProfile.For(options.Provider);
        _apiKey = Profile.ResolveKey(options.ApiKey);
        const string KeySetting = $"{nameof(FineTuneJobRunnerOptions)}.{nameof(FineTuneJobRunnerOptions.ApiKey)}";

        // The key goes only to this endpoint, in the provider's own header: a bearer key, or Azure's api-key (else an Entra ID token).
        Authentication = Profile == ProviderProfile.AzureOpenAI
            ? AzureCredentials.DataPlanePolicy(_apiKey, options.Azure) ?? throw new InvalidOperationException(AzureCredentials.MissingCredentialMessage(KeySetting, $"{nameof(FineTuneJobRunnerOptions)}.{nameof(FineTuneJobRunnerOptions.Azure)}.{nameof(AzureOpenAIOptions.Credential)}"))
            : ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(new ApiKeyCredential(_apiKey ?? throw new InvalidOperationException($"No API key for {Profile.DisplayName}: set {Profile.KeySources(KeySetting)}.")));
        var endpoint = Profile.CheckEndpoint(options.Endpoint) is { } problem ? throw new InvalidOperationException(problem) : options.Endpoint ?? Profile.DefaultEndpoint!;
        _endpoint = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        _organization = string.IsNullOrWhiteSpace(options.Organization) ? null : options.Organization;
        _project = string.IsNullOrWhiteSpace(options.Project) ? null : options.Project;
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = _endpoint,
            OrganizationId = string.IsNullOrWhiteSpace(options.Organization) ? null : options.Organization,
            ProjectId = string.IsNullOrWhiteSpace(options.Project) ? null : options.Project,
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = options.Resilience.AttemptTimeout + TimeSpan.FromSeconds(30),
            UserAgentApplicationId = "FineTuning.Toolkit",
        };
        if (options.Transport is not null)
        {
            clientOptions.Transport = options.Transport;
        }

        _pipeline = Profile.KeyHeader is not null
            ? ClientPipeline.Create(clientOptions, [], [Authentication], [])
            : new OpenAIClient(Authentication, clientOptions).Pipeline;
        _transport = options.Transport;
        _resilience = BuildResiliencePipeline(options.Resilience, timeProvider, logger, randomizer);
    }

    /// <summary>Gets the data plane's authentication (the key in the provider's header, or an Entra ID token on Azure), for chat clients on the same endpoint.</summary>
    public AuthenticationPolicy Authentication { get; }

    /// <summary>Creates OpenAI SDK options for another client on this endpoint (same organization, project and transport; the SDK's own retry).</summary>
    public OpenAIClientOptions CreateClientOptions()
    {
        var clientOptions = new OpenAIClientOptions { Endpoint = _endpoint, UserAgentApplicationId = "FineTuning.Toolkit" };
        clientOptions.OrganizationId = _organization;
        clientOptions.ProjectId = _project;
        if (_transport is not null)
        {
            clientOptions.Transport = _transport;
        }

        return clientOptions;
    }

    /// <summary>Gets the endpoint, ending in a slash.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>Gets the provider this client talks to.</summary>
    public ProviderProfile Profile { get; }

    /// <summary>Gets the transport pipeline (authentication, headers), for streamed downloads.</summary>
    public ClientPipeline Pipeline => _pipeline;

    /// <summary>Gets the Polly pipeline every call goes through.</summary>
    public ResiliencePipeline Resilience => _resilience;

    /// <summary>Sends a call through the resilience pipeline and returns the response body.</summary>
    public async Task<BinaryData> SendAsync(ApiCall call, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.ActivitySource.StartActivity("openai " + call.Operation, ActivityKind.Client);
        activity?.SetTag("http.request.method", call.Method);
        var attempt = 0;
        var context = ResilienceContextPool.Shared.Get(call.Operation, cancellationToken);
        try
        {
            var outcome = await _resilience.ExecuteOutcomeAsync(
                async (ctx, state) =>
                {
                    try
                    {
                        attempt++;
                        if (attempt > 1 && state.FindExisting is not null)
                        {
                            var existing = await state.FindExisting(ctx.CancellationToken).ConfigureAwait(false);
                            if (existing is not null)
                            {
                                return Outcome.FromResult(existing);
                            }
                        }

                        return Outcome.FromResult(await SendOnceAsync(state, ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException && ctx.CancellationToken.IsCancellationRequested)
                    {
                        // The attempt's token fired (its timeout or the caller) while the transport was mid-response, which can
                        // surface as another exception (a disposed stream): report it as the cancellation it is.
                        return Outcome.FromException<BinaryData>(new OperationCanceledException(ex.Message, ex, ctx.CancellationToken));
                    }
                    catch (Exception ex)
                    {
                        return Outcome.FromException<BinaryData>(ex);
                    }
                },
                context,
                call).ConfigureAwait(false);
            activity?.SetTag("fine_tuning.attempts", attempt);
            if (outcome.Exception is { } exception)
            {
                activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
                throw Translate(call, exception, cancellationToken);
            }

            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Sends a call and parses the JSON body.</summary>
    public async Task<JsonDocument> SendJsonAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var body = await SendAsync(call, cancellationToken).ConfigureAwait(false);
        return JsonDocument.Parse(body);
    }

    /// <summary>Sends one attempt, outside the resilience pipeline (used by lookups that run inside an attempt).</summary>
    public async Task<BinaryData> SendOnceAsync(ApiCall call, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        message.Apply(new RequestOptions { CancellationToken = cancellationToken });
        var request = message.Request;
        request.Method = call.Method;
        request.Uri = new Uri(_endpoint, call.Path);
        request.Headers.Set("Accept", "application/json");
        if (call.Content is not null)
        {
            request.Content = call.Content();
            if (call.ContentType is not null)
            {
                request.Headers.Set("Content-Type", call.ContentType);
            }
        }

        var started = _timeProvider.GetTimestamp();
        var status = 0;
        try
        {
            await _pipeline.SendAsync(message).ConfigureAwait(false);
            var response = message.Response!;
            status = response.Status;
            if (_logger.IsEnabled(LogLevel.Trace))
            {
                Log.ApiExchange(_logger, call.Method, call.Path, status, SecretRedactor.Redact(response.Content.ToString(), _apiKey));
            }

            if (response.IsError)
            {
                throw CreateException(call, response);
            }

            return response.Content;
        }
        catch (ClientResultException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The transport got no response (connection refused, reset or dropped): worth retrying.
            throw new FineTuneApiException(
                $"{call.Operation}: no response from {_endpoint.Host} ({SecretRedactor.Redact((ex.InnerException ?? ex).Message, _apiKey)}).",
                ex.InnerException)
            {
                Operation = call.Operation,
                IsTransient = true,
            };
        }
        finally
        {
            var tags = new TagList { { "operation", call.Operation }, { "http.response.status_code", status } };
            Telemetry.ApiRequests.Add(1, tags);
            Telemetry.ApiDuration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    internal static bool IsTransient(Exception? exception, CancellationToken cancellationToken) => exception switch
    {
        null => false,
        FineTuneApiException api => api.IsTransient,
        TimeoutRejectedException or BrokenCircuitException => true,
        HttpRequestException or IOException => true,
        ClientResultException { Status: 0 } => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    private static ResiliencePipeline BuildResiliencePipeline(FineTuneResilienceOptions options, TimeProvider timeProvider, ILogger logger, Func<double>? randomizer)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = Telemetry.Name };
        var retry = new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(options.MaxRetryAttempts, 0),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = options.UseJitter,
            Delay = options.BaseDelay,
            MaxDelay = options.MaxDelay,
            ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception, args.Context.CancellationToken)),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception switch
            {
                FineTuneApiException { RetryAfter: { } retryAfter } => (TimeSpan?)(retryAfter < options.MaxRetryAfter ? retryAfter : options.MaxRetryAfter),
                BrokenCircuitException => options.BreakDuration,
                _ => null,
            }),
            OnRetry = args =>
            {
                Telemetry.ApiRetries.Add(1, new KeyValuePair<string, object?>("operation", args.Context.OperationKey));
                Log.Retrying(logger, args.Context.OperationKey ?? "call", Describe(args.Outcome.Exception), args.AttemptNumber + 1, args.RetryDelay);
                return default;
            },
        };
        if (options.MaxRetryAttempts == 0)
        {
            retry.MaxRetryAttempts = 1;
            retry.ShouldHandle = _ => ValueTask.FromResult(false);
        }

        if (randomizer is not null)
        {
            retry.Randomizer = randomizer;
        }

        builder.AddRetry(retry);
        if (options.UseCircuitBreaker)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception, args.Context.CancellationToken)),
                OnOpened = args =>
                {
                    Log.CircuitOpened(logger, args.BreakDuration);
                    return default;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
        return builder.Build();
    }

    private static string Describe(Exception? exception) => exception switch
    {
        FineTuneApiException { StatusCode: > 0 } api => $"HTTP {api.StatusCode}{(api.ErrorCode is null ? string.Empty : " " + api.ErrorCode)}",
        FineTuneApiException => "no response",
        TimeoutRejectedException => "attempt timed out",
        BrokenCircuitException => "circuit open",
        null => "unknown",
        _ => exception.GetType().Name,
    };

    private Exception Translate(ApiCall call, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return new OperationCanceledException($"{call.Operation} was cancelled.", exception, cancellationToken);
            case FineTuneApiException api:
                Log.ApiFailed(_logger, call.Operation, api.StatusCode, api.ErrorCode);
                return api;
            default:
                Log.ApiFailed(_logger, call.Operation, 0, null);
                return new FineTuneApiException($"{call.Operation} failed after retries: {Describe(exception)}.", exception)
                {
                    Operation = call.Operation,
                    IsTransient = IsTransient(exception, cancellationToken),
                };
        }
    }

    private FineTuneApiException CreateException(ApiCall call, PipelineResponse response)
    {
        string? code = null, type = null, param = null, serviceMessage = null;
        try
        {
            using var document = JsonDocument.Parse(response.Content);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                code = JsonReading.String(error, "code");
                type = JsonReading.String(error, "type");
                param = JsonReading.String(error, "param");
                serviceMessage = JsonReading.String(error, "message");
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, an empty body): the status says enough.
        }

        var status = response.Status;
        var permanentRateLimit = code is FineTuneApiException.DailyRateLimitExceededCode or "insufficient_quota";
        var transient = !permanentRateLimit && (status is 408 or 409 or 429 || status >= 500);
        serviceMessage = serviceMessage is null ? response.ReasonPhrase : SecretRedactor.Redact(serviceMessage, _apiKey);
        var message = code == FineTuneApiException.DailyRateLimitExceededCode
            ? $"{call.Operation}: the daily limit on fine-tuning jobs is used up (HTTP 429 {code}); retrying today will not help, try again tomorrow or use another model. Service message: {serviceMessage}"
            : $"{call.Operation}: HTTP {status}{(code is null ? string.Empty : " " + code)}: {serviceMessage}";
        return new FineTuneApiException(message)
        {
            StatusCode = status,
            ErrorCode = code,
            ErrorType = type,
            Param = param,
            Operation = call.Operation,
            IsTransient = transient,
            RetryAfter = RetryAfterHeader.Parse(response.Headers, _timeProvider.GetUtcNow()),
        };
    }
}
