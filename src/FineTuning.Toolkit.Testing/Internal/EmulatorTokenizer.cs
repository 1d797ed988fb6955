using Microsoft.ML.Tokenizers;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Exact token counts with the tokenizer of the model family (o200k_base for gpt-4o and later,
/// cl100k_base for gpt-3.5/gpt-4), plus OpenAI's chat overhead of 3 tokens per message and 3 per reply.</summary>
internal sealed class EmulatorTokenizer
{
    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForModel("gpt-3.5-turbo"));
    private readonly Tokenizer _tokenizer;

    private EmulatorTokenizer(Tokenizer tokenizer) => _tokenizer = tokenizer;

    public static EmulatorTokenizer ForModel(string model)
    {
        var baseName = model.StartsWith("ft:", StringComparison.Ordinal) ? model.Split(':')[1] : model;
        var legacy = baseName.StartsWith("gpt-3.5", StringComparison.Ordinal)
            || (baseName.StartsWith("gpt-4", StringComparison.Ordinal) && !baseName.StartsWith("gpt-4o", StringComparison.Ordinal) && !baseName.StartsWith("gpt-4.", StringComparison.Ordinal));
        return new EmulatorTokenizer(legacy ? Cl100k.Value : O200k.Value);
    }

    public int Count(string text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.CountTokens(text);

    public int CountMessage(string role, string content) => 3 + Count(role) + Count(content);
}
