using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison;

/// <summary>A hand-written <see cref="IChatClient"/> fake: behaviour through callback properties, calls counted.</summary>
public sealed class TestChatClient : IChatClient
{
    private int _calls;

    /// <summary>Gets or sets the response callback.</summary>
    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, CancellationToken, Task<ChatResponse>>? GetResponseAsyncCallback { get; set; }

    /// <summary>Gets or sets the model id reported through <see cref="ChatClientMetadata"/>.</summary>
    public string ModelId { get; set; } = "test-model";

    /// <summary>Gets the number of calls.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Gets the requests, in arrival order.</summary>
    public List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Requests { get; } = [];

    /// <summary>Creates a client that answers every prompt with a function of the last user message.</summary>
    public static TestChatClient Answering(Func<string, string> answer, string modelId = "test-model") => new()
    {
        ModelId = modelId,
        GetResponseAsyncCallback = (messages, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer(messages.Last(m => m.Role == ChatRole.User).Text)))
        {
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 20 },
        }),
    };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Interlocked.Increment(ref _calls);
        lock (Requests)
        {
            Requests.Add((list, options));
        }

        return GetResponseAsyncCallback?.Invoke(list, options, cancellationToken)
            ?? throw new InvalidOperationException("No GetResponseAsyncCallback set.");
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("test", null, ModelId) : null;

    public void Dispose()
    {
    }
}
