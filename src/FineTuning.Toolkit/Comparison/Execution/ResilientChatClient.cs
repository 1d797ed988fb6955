using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// Retries transient failures (429, 408, 5xx, timeouts; honouring retry-after) through a Polly pipeline. A streamed
/// answer is retried as a whole: its updates are collected inside the pipeline, then replayed.
/// </summary>
internal sealed class ResilientChatClient(IChatClient innerClient, ResiliencePipeline pipeline) : DelegatingChatClient(innerClient)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        pipeline.ExecuteAsync(
            static async (state, ct) => await state.Client.InnerGetResponseAsync(state.messages, state.options, ct).ConfigureAwait(false),
            (Client: this, messages, options),
            cancellationToken).AsTask();

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var updates = await pipeline.ExecuteAsync(
            static async (state, ct) => await state.Client.CollectAsync(state.messages, state.options, ct).ConfigureAwait(false),
            (Client: this, messages, options),
            cancellationToken).ConfigureAwait(false);
        foreach (var update in updates)
        {
            yield return update;
        }
    }

    private Task<ChatResponse> InnerGetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        base.GetResponseAsync(messages, options, cancellationToken);

    private async Task<List<ChatResponseUpdate>> CollectAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return updates;
    }
}
