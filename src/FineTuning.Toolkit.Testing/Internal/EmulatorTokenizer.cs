using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Exact token counts for the emulator's <c>usage</c> and <c>trained_tokens</c>: the toolkit's
/// <see cref="TokenCounter"/> (tiktoken-equal, encoding chosen by model name), with OpenAI's chat overhead of
/// <see cref="TokenCounter.TokensPerMessage"/> per message and <see cref="TokenCounter.ReplyPrimingTokens"/> per reply.</summary>
internal sealed class EmulatorTokenizer
{
    private readonly TokenCounter _counter;

    private EmulatorTokenizer(TokenCounter counter) => _counter = counter;

    public static int ReplyPriming => TokenCounter.ReplyPrimingTokens;

    public static EmulatorTokenizer ForModel(string model) => new(TokenCounter.ForModel(model));

    public int Count(string text) => string.IsNullOrEmpty(text) ? 0 : _counter.CountTokens(text);

    public int CountMessage(string role, string content) => TokenCounter.TokensPerMessage + Count(role) + Count(content);
}
