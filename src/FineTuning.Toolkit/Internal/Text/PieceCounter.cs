using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>
/// Counts tokens the way tiktoken does — pre-tokenize with the encoding's pattern (<see cref="TiktokenPreTokenizer"/>, the
/// pattern written by hand), byte-pair-encode each piece — with a
/// process-wide cache of piece counts (words repeat across a dataset far more than whole texts do), and long pieces merged
/// by <see cref="BytePairCounter"/> in O(n log n), so that no input takes unbounded time. Thread-safe.
/// </summary>
internal sealed class PieceCounter
{
    private const int MaxCachedPieces = 1 << 16;
    private const int MaxCachedPieceLength = 64;

    /// <summary>Pieces longer than this (in characters) are merged by <see cref="BytePairCounter"/> in O(n log n).</summary>
    private const int LongPieceLength = 256;

    private readonly TiktokenTokenizer _tokenizer;
    private readonly BytePairCounter _longPieces;
    private readonly bool _cl100k;
    private readonly string[] _specialTokens;
    private readonly ConcurrentDictionary<string, int> _pieces = new(StringComparer.Ordinal);
#if NET9_0_OR_GREATER
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _pieceLookup;
#endif
    private int _pieceCount;

    /// <summary>Initializes a new instance of the <see cref="PieceCounter"/> class.</summary>
    /// <param name="encodingName"><c>o200k_base</c> or <c>cl100k_base</c>.</param>
    /// <param name="tokenizer">The encoding's tokenizer.</param>
    public PieceCounter(string encodingName, TiktokenTokenizer tokenizer)
    {
        _tokenizer = tokenizer;
        _longPieces = new BytePairCounter(() => TiktokenRanks.Load(encodingName));
        _cl100k = string.Equals(encodingName, "cl100k_base", StringComparison.Ordinal);
        _specialTokens = [.. (tokenizer.SpecialTokens?.Keys ?? []).OrderByDescending(token => token.Length)];
#if NET9_0_OR_GREATER
        _pieceLookup = _pieces.GetAlternateLookup<ReadOnlySpan<char>>();
#endif
    }

    // Splits the text with the encoding's own pre-tokenization pattern and adds up the byte-pair-encoded count of each
    // piece, remembering the count of short pieces (words repeat across a dataset far more than whole texts do). This is
    // exactly what the tokenizer does inside, minus its general regular expression (a hand-written splitter does the same
    // split several times faster) and its locked cache, which keeps two threads from tokenizing faster than one, and with
    // long pieces merged in O(n log n) instead of O(n²). Special tokens ("<|endoftext|>", ...) count one token each, as
    // the tokenizer counts them.
    /// <summary>Counts the tokens of a text, exactly as the tokenizer does.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The number of tokens.</returns>
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

    private int CountPiece(ReadOnlySpan<char> piece)
    {
        if (piece.Length > LongPieceLength)
        {
            return _longPieces.Count(piece);
        }

        if (piece.Length > MaxCachedPieceLength)
        {
            return _tokenizer.CountTokens(piece, considerPreTokenization: false, considerNormalization: false);
        }

#if NET9_0_OR_GREATER
        if (_pieceLookup.TryGetValue(piece, out var count))
        {
            return count;
        }

        count = _tokenizer.CountTokens(piece, considerPreTokenization: false, considerNormalization: false);
        if (Volatile.Read(ref _pieceCount) < MaxCachedPieces && _pieceLookup.TryAdd(piece, count))
        {
            Interlocked.Increment(ref _pieceCount);
        }
#else
        var key = piece.ToString();
        if (_pieces.TryGetValue(key, out var count))
        {
            return count;
        }

        count = _tokenizer.CountTokens(piece, considerPreTokenization: false, considerNormalization: false);
        if (Volatile.Read(ref _pieceCount) < MaxCachedPieces && _pieces.TryAdd(key, count))
        {
            Interlocked.Increment(ref _pieceCount);
        }
#endif
        return count;
    }
}
