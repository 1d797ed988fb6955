using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// Judge middleware below the cache: an answer the judge's parser cannot read is thrown as a
/// <see cref="JudgeAnswerException"/>, so it is never cached (and a later run asks again).
/// </summary>
internal sealed class ValidatingChatClient(IChatClient innerClient, Func<string, bool> isValid) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        return isValid(response.Text) ? response : throw new JudgeAnswerException(response.Text);
    }
}
