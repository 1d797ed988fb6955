using FineTuning.Toolkit.Internal;
using System.ClientModel;
using System.ClientModel.Primitives;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Providers.Together;

/// <summary>
/// An <see cref="IChatClient"/> for Together AI models (base or fine-tuned) over its OpenAI-compatible
/// <c>/chat/completions</c>, reading <c>finish_reason: "eos"</c> (Llama models) as <see cref="ChatFinishReason.Stop"/> —
/// the OpenAI SDK's chat client throws on that value (openai-dotnet#267). Sends messages (as text), temperature, top_p,
/// max_tokens, stop and seed; reads the text, finish reason and usage. Streaming returns the whole answer as updates.
/// The key is sent only to the configured Together endpoint's host. No retries of its own: compose them with
/// <see cref="ChatClientBuilder"/> middleware.
/// </summary>
internal sealed class TogetherChatClient : WholeResponseChatClient
{
    private readonly ClientPipeline _pipeline;
    private readonly Uri _endpoint;
    private readonly string _model;

    public TogetherChatClient(Uri endpoint, string apiKey, string model, PipelineTransport? transport = null, TimeSpan? networkTimeout = null)
        : base(new ChatClientMetadata("together", endpoint, model))
    {
        _endpoint = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        _model = model;
        var options = new ClientPipelineOptions { RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = networkTimeout ?? TimeSpan.FromMinutes(5) };
        if (transport is not null)
        {
            options.Transport = transport;
        }

        _pipeline = ClientPipeline.Create(options, [], [ApiKeyAuthenticationPolicy.CreateBearerAuthorizationPolicy(new ApiKeyCredential(apiKey))], []);
    }

    /// <summary>
    /// Creates a chat client for a Together AI model from the runner's options (<see cref="FineTuneJobRunnerOptions.Provider"/>
    /// <c>together</c>): its endpoint (default <c>https://api.together.xyz/v1/</c>), its key or <c>TOGETHER_API_KEY</c> — never another provider's.
    /// </summary>
    /// <exception cref="ArgumentException">The options are not for Together AI.</exception>
    /// <exception cref="InvalidOperationException">No key is set.</exception>
    public static IChatClient Create(FineTuneJobRunnerOptions options, string model)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var profile = ProviderProfile.For(options.Provider);
        if (profile != ProviderProfile.Together)
        {
            throw new ArgumentException($"These options are for {profile.DisplayName}, not Together AI: set Provider to \"together\".", nameof(options));
        }

        var key = profile.ResolveKey(options.ApiKey)
            ?? throw new InvalidOperationException($"No API key for {profile.DisplayName}: set {profile.KeySources($"{nameof(FineTuneJobRunnerOptions)}.{nameof(FineTuneJobRunnerOptions.ApiKey)}")}.");
        return new TogetherChatClient(options.Endpoint ?? profile.DefaultEndpoint!, key, model, options.Transport, options.Resilience.AttemptTimeout);
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = new TogetherChatRequest(
            options?.ModelId ?? _model,
            messages.Select(m => new TogetherChatMessage(m.Role.Value, m.Text)).ToArray(),
            options?.Temperature,
            options?.TopP,
            options?.MaxOutputTokens,
            options?.StopSequences is { Count: > 0 } stop ? [.. stop] : null,
            options?.Seed);
        using var message = _pipeline.CreateMessage();
        message.Apply(new RequestOptions { CancellationToken = cancellationToken });
        message.Request.Method = "POST";
        message.Request.Uri = new Uri(_endpoint, "chat/completions");
        if (!string.Equals(message.Request.Uri.Host, _endpoint.Host, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("The chat route left the configured Together endpoint; the key is not sent elsewhere.");
        }

        message.Request.Headers.Set("Content-Type", "application/json");
        message.Request.Headers.Set("Accept", "application/json");
        message.Request.Content = BinaryContent.Create(BinaryData.FromObjectAsJson(request, TogetherJsonContext.Default.TogetherChatRequest));
        await _pipeline.SendAsync(message).ConfigureAwait(false);
        var response = message.Response!;
        if (response.IsError)
        {
            throw new ClientResultException(response);
        }

        var body = response.Content.ToObjectFromJson(TogetherJsonContext.Default.TogetherChatResponse)
            ?? throw new InvalidOperationException("Together AI answered the chat request with an empty body.");
        return ToChatResponse(body);
    }

    /// <summary>Maps Together's finish reasons: <c>eos</c> and <c>stop</c> → stop, <c>length</c>, <c>tool_calls</c>, others kept as they are.</summary>
    internal static ChatFinishReason? MapFinishReason(string? reason) => reason switch
    {
        null or "" => null,
        "eos" or "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        var other => new ChatFinishReason(other),
    };

    private static ChatResponse ToChatResponse(TogetherChatResponse body)
    {
        var choice = body.Choices?.OrderBy(c => c.Index).FirstOrDefault();
        var answer = new ChatMessage(ChatRole.Assistant, choice?.Message?.Content ?? string.Empty);
        return new ChatResponse(answer)
        {
            ResponseId = body.Id,
            ModelId = body.Model,
            CreatedAt = body.Created is { } created ? DateTimeOffset.FromUnixTimeSeconds(created) : null,
            FinishReason = MapFinishReason(choice?.FinishReason),
            Usage = body.Usage is { } usage
                ? new UsageDetails { InputTokenCount = usage.PromptTokens, OutputTokenCount = usage.CompletionTokens, TotalTokenCount = usage.TotalTokens }
                : null,
        };
    }
}
