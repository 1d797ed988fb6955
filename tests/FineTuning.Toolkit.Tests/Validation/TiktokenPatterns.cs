using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Tests.Validation;

/// <summary>
/// The pre-tokenization patterns of the tiktoken encodings, exactly as <c>Microsoft.ML.Tokenizers</c> 2.0 uses them: a
/// text's token count is the sum of the byte-pair-encoded counts of the pieces these patterns split it into. The library
/// splits with the hand-written <c>TiktokenPreTokenizer</c>; these are the reference it is tested against.
/// </summary>
internal static partial class TiktokenPatterns
{
    /// <summary>Gets the pre-tokenizer of <c>o200k_base</c>.</summary>
    /// <returns>The regular expression.</returns>
    [GeneratedRegex(@"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+")]
    public static partial Regex O200kBase();

    /// <summary>Gets the pre-tokenizer of <c>cl100k_base</c>.</summary>
    /// <returns>The regular expression.</returns>
    [GeneratedRegex(@"'(?i:[sdmt]|ll|ve|re)|(?>[^\r\n\p{L}\p{N}]?)(?>\p{L}+)|(?>\p{N}{1,3})| ?(?>[^\s\p{L}\p{N}]+)(?>[\r\n]*)|(?>\s+)$|\s*[\r\n]|\s+(?!\S)|\s")]
    public static partial Regex Cl100kBase();
}
