using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>
/// The merge ranks of a tiktoken encoding (token bytes to rank) in two open-addressing tables built for the byte-pair
/// merge's lookups: tokens of up to 8 bytes — nearly every lookup — are keyed by their bytes packed in one 64-bit word
/// (one probe, no byte comparison, no hashing of a memory block); longer ones by a hash of their bytes, compared against
/// one shared byte store. Immutable once built, so any number of threads read it without locks.
/// </summary>
internal sealed class RankTable
{
    /// <summary>The rank of a byte sequence that is not a token.</summary>
    public const int NoRank = int.MaxValue;

    private const int MaxShortLength = 8;

    private readonly ulong[] _shortKeys;

    // rank << 4 | length; 0 marks an empty slot (no token is empty).
    private readonly int[] _shortValues;
    private readonly int _shortShift;

    // Long tokens: slot -> entry + 1 (0 = empty); entries in parallel arrays over one byte store.
    private readonly int[] _longSlots;
    private readonly int _longShift;
    private readonly int[] _longStart;
    private readonly int[] _longLength;
    private readonly int[] _longRank;
    private readonly byte[] _store;
    private int _longCount;
    private int _storeUsed;

    private RankTable(int shortCount, int longCount, int longBytes)
    {
        _shortShift = 64 - Log2Capacity(shortCount);
        _shortKeys = new ulong[1 << (64 - _shortShift)];
        _shortValues = new int[_shortKeys.Length];
        _longShift = 64 - Log2Capacity(longCount);
        _longSlots = new int[1 << (64 - _longShift)];
        _longStart = new int[longCount];
        _longLength = new int[longCount];
        _longRank = new int[longCount];
        _store = new byte[longBytes];
    }

    /// <summary>Gets the number of tokens.</summary>
    public int Count { get; private set; }

    /// <summary>Builds a table from tokens and their ranks.</summary>
    /// <param name="tokens">The tokens' bytes, one after the other.</param>
    /// <param name="lengths">The length of each token.</param>
    /// <param name="ranks">The rank of each token.</param>
    /// <returns>The table.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RankTable Build(ReadOnlySpan<byte> tokens, ReadOnlySpan<int> lengths, ReadOnlySpan<int> ranks)
    {
        int shortCount = 0, longCount = 0, longBytes = 0;
        foreach (var length in lengths)
        {
            if (length <= MaxShortLength)
            {
                shortCount++;
            }
            else
            {
                longCount++;
                longBytes += length;
            }
        }

        var table = new RankTable(shortCount, longCount, longBytes);
        var at = 0;
        for (var i = 0; i < lengths.Length; i++)
        {
            table.Add(tokens.Slice(at, lengths[i]), ranks[i]);
            at += lengths[i];
        }

        return table;
    }

    /// <summary>Gets the rank of a byte sequence, or <see cref="NoRank"/> when it is not a token.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The rank.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Rank(ReadOnlySpan<byte> bytes) =>
        bytes.Length <= MaxShortLength ? ShortRank(Pack(bytes), bytes.Length) : LongRank(bytes);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ShortRank(ulong key, int length)
    {
        var keys = _shortKeys;
        var values = _shortValues;
        var mask = keys.Length - 1;
        for (var slot = ShortSlot(key, length); ; slot = (slot + 1) & mask)
        {
            var value = values[slot];
            if (value == 0)
            {
                return NoRank;
            }

            if (keys[slot] == key && (value & 0xF) == length)
            {
                return value >> 4;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int LongRank(ReadOnlySpan<byte> bytes)
    {
        var mask = _longSlots.Length - 1;
        for (var slot = LongSlot(bytes); ; slot = (slot + 1) & mask)
        {
            var entry = _longSlots[slot] - 1;
            if (entry < 0)
            {
                return NoRank;
            }

            if (_longLength[entry] == bytes.Length && ShortEquality.Equal(bytes, _store.AsSpan(_longStart[entry], bytes.Length)))
            {
                return _longRank[entry];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(ReadOnlySpan<byte> token, int rank)
    {
        if (Rank(token) != NoRank)
        {
            return;
        }

        Count++;
        if (token.Length <= MaxShortLength)
        {
            var key = Pack(token);
            var slot = ShortSlot(key, token.Length);
            while (_shortValues[slot] != 0)
            {
                slot = (slot + 1) & (_shortKeys.Length - 1);
            }

            _shortKeys[slot] = key;
            _shortValues[slot] = (rank << 4) | token.Length;
            return;
        }

        var entry = _longCount++;
        var start = _storeUsed;
        token.CopyTo(_store.AsSpan(start));
        _storeUsed += token.Length;
        _longStart[entry] = start;
        _longLength[entry] = token.Length;
        _longRank[entry] = rank;
        var longSlot = LongSlot(token);
        while (_longSlots[longSlot] != 0)
        {
            longSlot = (longSlot + 1) & (_longSlots.Length - 1);
        }

        _longSlots[longSlot] = entry + 1;
    }

    // The bytes of a sequence of at most 8 bytes, little-endian in one word (overlapping reads where they fit).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Pack(ReadOnlySpan<byte> bytes)
    {
        var length = bytes.Length;
        if (length >= 4)
        {
            return length == 8
                ? BinaryPrimitives.ReadUInt64LittleEndian(bytes)
                : BinaryPrimitives.ReadUInt32LittleEndian(bytes) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(bytes[(length - 4)..]) << ((length - 4) * 8));
        }

        ulong key = 0;
        for (var i = length - 1; i >= 0; i--)
        {
            key = (key << 8) | bytes[i];
        }

        return key;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ShortSlot(ulong key, int length) =>
        (int)(((key + (ulong)length) * 0x9E3779B97F4A7C15UL) >> _shortShift);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int LongSlot(ReadOnlySpan<byte> bytes)
    {
        var hash = (ulong)bytes.Length;
        var at = 0;
        for (; at + 8 <= bytes.Length; at += 8)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[at..])) * 0x9E3779B97F4A7C15UL;
            hash ^= hash >> 29;
        }

        if (at < bytes.Length)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[^8..])) * 0xC2B2AE3D27D4EB4FUL;
        }

        return (int)((hash * 0x9E3779B97F4A7C15UL) >> _longShift);
    }

    // A power of two at least twice the count (load factor at most 0.5), and at least 16.
    private static int Log2Capacity(int count)
    {
        var bits = 4;
        while ((1L << bits) < count * 2L)
        {
            bits++;
        }

        return bits;
    }
}
