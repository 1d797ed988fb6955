using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>
/// Counts the tokens of one pre-tokenization piece with tiktoken's byte-pair merge: the adjacent pair of lowest rank (the
/// leftmost one among equals) is merged first, exactly as tiktoken's <c>_byte_pair_merge</c> does. Short pieces (nearly
/// all) run tiktoken's own loop on the stack; longer ones take the next pair from a priority queue instead of a scan over
/// every part, in O(n log n): tiktoken's scan makes one piece cost O(n²) — a 2 MB word with no break took minutes — while
/// the counts of both are equal for every input.
/// </summary>
internal sealed class BytePairCounter
{
    private const int NoRank = RankTable.NoRank;
    private const int Dead = -1;

    // Pieces up to this many bytes are merged on the stack by tiktoken's own loop (a scan for the lowest rank per
    // merge: quadratic, but cheaper than a queue for short pieces); longer ones through the priority queue.
    private const int MaxScannedBytes = 128;

    private readonly Lazy<RankTable> _ranks;

    /// <summary>Initializes a new instance of the <see cref="BytePairCounter"/> class.</summary>
    /// <param name="ranks">Loads the encoding's merge ranks (tiktoken's <c>mergeable_ranks</c>).</param>
    public BytePairCounter(Func<RankTable> ranks) => _ranks = new(ranks);

    /// <summary>Gets the merge ranks (loaded on first use).</summary>
    public RankTable Ranks => _ranks.Value;

    /// <summary>Counts the tokens of a piece.</summary>
    /// <param name="piece">One piece of the pre-tokenizer's split (no special tokens).</param>
    /// <returns>The number of tokens.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Count(ReadOnlySpan<char> piece)
    {
        if (piece.IsEmpty)
        {
            return 0;
        }

        if (piece.Length <= MaxScannedBytes)
        {
            Span<byte> bytes = stackalloc byte[piece.Length * 3];
            return Count(bytes[..ToUtf8(piece, bytes)]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(piece.Length * 3);
        try
        {
            return Count(rented.AsSpan(0, ToUtf8(piece, rented)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Counts the tokens of a piece given as UTF-8 bytes.</summary>
    /// <param name="bytes">The piece's bytes.</param>
    /// <returns>The number of tokens.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Count(ReadOnlySpan<byte> bytes)
    {
        var ranks = _ranks.Value;
        if (bytes.Length <= 1 || ranks.Rank(bytes) != NoRank)
        {
            return bytes.Length == 0 ? 0 : 1;
        }

        return bytes.Length <= MaxScannedBytes ? CountScanned(ranks, bytes) : CountQueued(ranks, bytes);
    }

    // tiktoken's _byte_pair_merge: part i spans bytes [i, next[i]), rank[i] is the rank of part i merged with the part
    // after it; merge the lowest (leftmost among equals), re-rank the two pairs around it, until no pair is a token.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CountScanned(RankTable ranks, ReadOnlySpan<byte> bytes)
    {
        var length = bytes.Length;
        Span<int> next = stackalloc int[length];
        Span<int> rank = stackalloc int[length];
        for (var i = 0; i < length; i++)
        {
            next[i] = i + 1;
            rank[i] = i + 1 < length ? ranks.Rank(bytes.Slice(i, 2)) : NoRank;
        }

        var parts = length;
        while (parts > 1)
        {
            int lowest = NoRank, at = -1, before = -1;
            for (int i = 0, previous = -1; i < length; previous = i, i = next[i])
            {
                if (rank[i] < lowest)
                {
                    lowest = rank[i];
                    at = i;
                    before = previous;
                }
            }

            if (at < 0)
            {
                break;
            }

            var after = next[next[at]];
            next[at] = after;
            parts--;
            rank[at] = after < length ? ranks.Rank(bytes[at..next[after]]) : NoRank;
            if (before >= 0)
            {
                rank[before] = ranks.Rank(bytes[before..after]);
            }
        }

        return parts;
    }

    // UTF-8, except that a lone surrogate is encoded as its own three bytes (as the tokenizer does) instead of U+FFFD.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int ToUtf8(ReadOnlySpan<char> text, Span<byte> bytes)
    {
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            int c = text[i];
            if (c < 0x80)
            {
                bytes[length++] = (byte)c;
                continue;
            }

            if (char.IsHighSurrogate((char)c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                length += new Rune((char)c, text[++i]).EncodeToUtf8(bytes[length..]);
                continue;
            }

            if (c < 0x800)
            {
                bytes[length++] = (byte)(0xC0 | (c >> 6));
            }
            else
            {
                bytes[length++] = (byte)(0xE0 | (c >> 12));
                bytes[length++] = (byte)(0x80 | ((c >> 6) & 0x3F));
            }

            bytes[length++] = (byte)(0x80 | (c & 0x3F));
        }

        return length;
    }

    private static int CountQueued(RankTable ranks, ReadOnlySpan<byte> bytes)
    {
        var length = bytes.Length;
        // Part i spans bytes [i, next[i]); rank[i] is the rank of part i merged with the part after it (Dead once part i
        // was merged into the part before it). Stale queue entries are recognised by a rank that no longer matches.
        var next = ArrayPool<int>.Shared.Rent(length);
        var previous = ArrayPool<int>.Shared.Rent(length);
        var rank = ArrayPool<int>.Shared.Rent(length);
        try
        {
            var queue = new MinHeap(length);
            for (var i = 0; i < length; i++)
            {
                next[i] = i + 1;
                previous[i] = i - 1;
            }

            for (var i = 0; i < length; i++)
            {
                rank[i] = i + 2 <= length ? Rank(ranks, bytes, i, i + 2) : NoRank;
                Enqueue(ref queue, rank[i], i);
            }

            var parts = length;
            while (queue.TryPop(out var key))
            {
                var at = (int)(uint)key;
                if (rank[at] != (int)(key >> 32))
                {
                    continue;
                }

                // Merge part `at` with the part after it.
                var merged = next[at];
                var after = next[merged];
                next[at] = after;
                if (after < length)
                {
                    previous[after] = at;
                }

                rank[merged] = Dead;
                parts--;
                rank[at] = after < length ? Rank(ranks, bytes, at, next[after]) : NoRank;
                Enqueue(ref queue, rank[at], at);
                var before = previous[at];
                if (before >= 0)
                {
                    rank[before] = Rank(ranks, bytes, before, after);
                    Enqueue(ref queue, rank[before], before);
                }
            }

            queue.Dispose();
            return parts;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(next);
            ArrayPool<int>.Shared.Return(previous);
            ArrayPool<int>.Shared.Return(rank);
        }
    }

    private static void Enqueue(ref MinHeap queue, int rank, int at)
    {
        if (rank != NoRank)
        {
            queue.Push(((long)rank << 32) | (uint)at);
        }
    }

    private static int Rank(RankTable ranks, ReadOnlySpan<byte> bytes, int start, int end) => ranks.Rank(bytes[start..end]);
}
