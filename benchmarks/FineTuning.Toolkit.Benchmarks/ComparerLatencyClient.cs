using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Benchmarks;

/// <summary>A chat client that answers after a fixed latency (zero: completes asynchronously at once) and counts its calls.</summary>
public sealed class ComparerLatencyClient(TimeSpan latency, string answer) : IChatClient
{
    private int _calls;

    /// <summary>Gets the number of calls.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, TimeProvider.System, cancellationToken);
        }
        else
        {
            await Task.Yield();
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)) { Usage = new UsageDetails { InputTokenCount = 40, OutputTokenCount = 80 } };
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
