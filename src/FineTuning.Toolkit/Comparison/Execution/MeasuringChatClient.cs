using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// Innermost middleware of the comparer's pipeline: times each call (and the first token when streaming) and stamps the
/// figures on the response, so that a cache above it stores them with the answer.
/// </summary>
internal sealed class MeasuringChatClient(IChatClient innerClient, CallStamp stamp, TimeProvider timeProvider) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var start = timeProvider.GetTimestamp();
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        var properties = response.AdditionalProperties ??= [];
        foreach (var (key, value) in stamp.Create(timeProvider.GetElapsedTime(start), null))
        {
            properties[key] = value;
        }

        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var start = timeProvider.GetTimestamp();
        TimeSpan? firstToken = null;
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            if (firstToken is null && !string.IsNullOrEmpty(update.Text))
            {
                firstToken = timeProvider.GetElapsedTime(start);
            }

            yield return update;
        }

        yield return new ChatResponseUpdate { AdditionalProperties = stamp.Create(timeProvider.GetElapsedTime(start), firstToken) };
    }
}
