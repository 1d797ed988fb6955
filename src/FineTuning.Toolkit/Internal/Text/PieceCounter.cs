using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>
/// Counts tokens the way tiktoken does — pre-tokenize with the encoding's pattern (<see cref="TiktokenPreTokenizer"/>, the
/// pattern written by hand), byte-pair-encode each piece (<see cref="BytePairCounter"/>, in O(n log n), so that no input
/// takes unbounded time) — with a bounded cache of piece counts shared by every text the counter sees (<see cref="CountCache"/>:
/// words repeat across a dataset far more than whole texts do). It reads the encoding's merge ranks itself (<see cref="TiktokenRanks"/>):
/// loading <c>Microsoft.ML.Tokenizers</c>' tokenizer as well would take twice the time and three times the memory.
/// Thread-safe.
/// </summary>
internal sealed class PieceCounter
{
    /// <summary>The longest piece (in UTF-16 code units) the piece cache holds.</summary>
    public const int MaxCachedPieceLength = 32;

    // The special tokens of each encoding, as tiktoken (and Microsoft.ML.Tokenizers) define them.
    private static readonly string[] O200kSpecialTokens = ["<|endoftext|>", "<|endofprompt|>"];
    private static readonly string[] Cl100kSpecialTokens = ["<|endoftext|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|endofprompt|>"];

    private readonly BytePairCounter _bytePairs;
    private readonly bool _cl100k;
    private readonly string[] _specialTokens;
    private readonly CountCache _cache = new();

    /// <summary>Initializes a new instance of the <see cref="PieceCounter"/> class.</summary>
    /// <param name="encodingName"><c>o200k_base</c> or <c>cl100k_base</c>.</param>
    public PieceCounter(string encodingName)
    {
        _bytePairs = new BytePairCounter(() => TiktokenRanks.Load(encodingName));
        _cl100k = string.Equals(encodingName, "cl100k_base", StringComparison.Ordinal);
        _specialTokens = [.. SpecialTokensOf(encodingName).OrderByDescending(token => token.Length)];
    }

    /// <summary>Loads the encoding's merge ranks now, if no count has loaded them yet.</summary>
    public void Preload() => _ = _bytePairs.Ranks;

    /// <summary>Gets the special tokens of an encoding (each counts one token).</summary>
    /// <param name="encodingName"><c>o200k_base</c> or <c>cl100k_base</c>.</param>
    /// <returns>The special tokens.</returns>
    public static IReadOnlyList<string> SpecialTokensOf(string encodingName) =>
        string.Equals(encodingName, "cl100k_base", StringComparison.Ordinal) ? Cl100kSpecialTokens : O200kSpecialTokens;

    // Splits the text with the encoding's own pre-tokenization pattern and adds up the byte-pair-encoded count of each
    // piece, remembering the count of short pieces (words repeat across a dataset far more than whole texts do). This is
    // exactly what the tokenizer does inside, minus its general regular expression (a hand-written splitter does the same
    // split several times faster) and its locked cache, which keeps two threads from tokenizing faster than one, and with
    // pieces merged in O(n log n) instead of O(n²). Special tokens ("<|endoftext|>", ...) count one token each, as
    // the tokenizer counts them.
    /// <summary>Counts the tokens of a text, exactly as the tokenizer does.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of tokens.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Count(ReadOnlySpan<char> text)
    {
        var total = 0;
        while (true)
        {
            var (at, length) = FindSpecialToken(text);
            if (at < 0)
            {
                return total + CountOrdinaryText(text);
            }

            total += CountOrdinaryText(text[..at]) + 1;
            text = text[(at + length)..];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int At, int Length) FindSpecialToken(ReadOnlySpan<char> text)
    {
        (int At, int Length) first = (-1, 0);
        if (!text.Contains("<|", StringComparison.Ordinal))
        {
            return first;
        }

        foreach (var token in _specialTokens)
        {
            var at = text.IndexOf(token, StringComparison.Ordinal);
            if (at >= 0 && (first.At < 0 || at < first.At))
            {
                first = (at, token.Length);
            }
        }

        return first;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CountOrdinaryText(ReadOnlySpan<char> text)
    {
        var total = 0;
        for (var at = 0; at < text.Length;)
        {
            var length = _cl100k ? TiktokenPreTokenizer.NextCl100k(text, at) : TiktokenPreTokenizer.NextO200k(text, at);

            // One ASCII character is one byte, and every byte is a token.
            total += length == 1 && text[at] < 128 ? 1 : CountPiece(text.Slice(at, length));
            at += length;
        }

        return total;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CountPiece(ReadOnlySpan<char> piece)
    {
        if (piece.Length > MaxCachedPieceLength)
        {
            return _bytePairs.Count(piece);
        }

        var hash = CountCache.Hash(piece);
        if (_cache.TryGet(piece, hash, out var count))
        {
            return count;
        }

        count = _bytePairs.Count(piece);
        _cache.Add(piece, hash, count);
        return count;
    }
}
