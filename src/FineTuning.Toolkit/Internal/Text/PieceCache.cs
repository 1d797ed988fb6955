using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>
/// A file-wide, bounded cache of piece → token count in front of the byte-pair merge: 65,536 direct-mapped slots, each
/// holding one immutable entry (the piece and its count), so readers need no lock and never see half an entry. A piece is
/// admitted on its second sighting (a table of hashes remembers first sightings), so pieces seen once — most made-up
/// names and numbers — never allocate or push out the words that repeat; a newer piece replaces an older one in its slot.
/// Counts are always exact: an entry is used only when its piece equals the one asked for.
/// </summary>
internal sealed class PieceCache
{
    /// <summary>The longest piece (in UTF-16 code units) the cache holds.</summary>
    public const int MaxLength = 32;

    private const int SlotBits = 16;

    private readonly Entry?[] _entries = new Entry?[1 << SlotBits];
    private readonly int[] _sightings = new int[1 << SlotBits];

    /// <summary>Hashes a piece (FNV-1a over its code units; never 0).</summary>
    /// <param name="piece">The piece.</param>
    /// <returns>The hash.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Hash(ReadOnlySpan<char> piece)
    {
        var hash = 2166136261u;
        foreach (var c in piece)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash | 1);
    }

    /// <summary>Finds the count of a piece.</summary>
    /// <param name="piece">The piece.</param>
    /// <param name="hash">Its <see cref="Hash"/>.</param>
    /// <param name="count">The count, when found.</param>
    /// <returns><see langword="true"/> when the piece is cached.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(ReadOnlySpan<char> piece, int hash, out int count)
    {
        var entry = Volatile.Read(ref _entries[Slot(hash)]);
        if (entry is not null && entry.Hash == hash && ShortEquality.Equal(piece, entry.Piece))
        {
            count = entry.Count;
            return true;
        }

        count = 0;
        return false;
    }

    /// <summary>Offers a counted piece: remembered on its first sighting, cached on its second.</summary>
    /// <param name="piece">The piece (at most <see cref="MaxLength"/> code units).</param>
    /// <param name="hash">Its <see cref="Hash"/>.</param>
    /// <param name="count">Its count.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<char> piece, int hash, int count)
    {
        var slot = Slot(hash);
        ref var sighting = ref _sightings[slot];
        if (Volatile.Read(ref sighting) != hash)
        {
            Volatile.Write(ref sighting, hash);
            return;
        }

        Volatile.Write(ref _entries[slot], new Entry(piece.ToString(), hash, count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(int hash) => (int)(((uint)hash * 0x9E3779B9u) >> (32 - SlotBits));

    private sealed class Entry(string piece, int hash, int count)
    {
        public string Piece { get; } = piece;

        public int Hash { get; } = hash;

        public int Count { get; } = count;
    }
}
