using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Golden;

/// <summary>Replays a <see cref="GoldenRecord"/> as a chat client.</summary>
internal sealed class GoldenRecordChatClient : IChatClient
{
    private readonly GoldenRecord _record;
    private readonly ChatClientMetadata _metadata;

    public GoldenRecordChatClient(GoldenRecord record)
    {
        _record = record;
        _metadata = new ChatClientMetadata("golden-record", null, record.Model);
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages.ToList();
        var answer = _record.Find(list) ?? throw new InvalidOperationException(
            $"The golden record of '{_record.Model}' has no answer for this conversation (last message: '{Truncate(list.LastOrDefault()?.Text)}'). Record the model again with the current suite and system prompt.");
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Response))
        {
            ModelId = _record.Model,
            FinishReason = ChatFinishReason.Stop,
        };
        if (answer.InputTokens is not null || answer.OutputTokens is not null)
        {
            response.Usage = new UsageDetails { InputTokenCount = answer.InputTokens, OutputTokenCount = answer.OutputTokens };
        }

        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
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
            : serviceType.IsInstanceOfType(_record) ? _record
            : null;
    }

    public void Dispose()
    {
    }

    private static string Truncate(string? text) => text is null ? string.Empty : text.Length <= 60 ? text : text[..60] + "…";
}
