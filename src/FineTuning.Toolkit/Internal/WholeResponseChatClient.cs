using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Internal;

/// <summary>
/// An <see cref="IChatClient"/> that produces each answer whole (a recorded answer, a service called without streaming):
/// streaming returns that answer as updates, and <see cref="GetService"/> serves the metadata and the client itself.
/// </summary>
internal abstract class WholeResponseChatClient : IChatClient
{
    private readonly ChatClientMetadata _metadata;

    protected WholeResponseChatClient(ChatClientMetadata metadata) => _metadata = metadata;

    public abstract Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : GetInnerService(serviceType);
    }

    public void Dispose()
    {
        // Nothing is owned: a transport, when there is one, is shared or the caller's.
    }

    /// <summary>Another object the client can hand out (for example the record it replays); <see langword="null"/> for none.</summary>
    protected virtual object? GetInnerService(Type serviceType) => null;
}
