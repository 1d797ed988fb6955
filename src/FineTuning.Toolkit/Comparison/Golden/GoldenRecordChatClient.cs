using FineTuning.Toolkit.Internal;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Golden;

/// <summary>Replays a <see cref="GoldenRecord"/> as a chat client.</summary>
internal sealed class GoldenRecordChatClient : WholeResponseChatClient
{
    private readonly GoldenRecord _record;

    public GoldenRecordChatClient(GoldenRecord record)
        : base(new ChatClientMetadata("golden-record", null, record.Model))
    {
        _record = record;
    }

    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
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

    protected override object? GetInnerService(Type serviceType) => serviceType.IsInstanceOfType(_record) ? _record : null;

    private static string Truncate(string? text) => text is null ? string.Empty : text.Length <= 60 ? text : text[..60] + "…";
}
