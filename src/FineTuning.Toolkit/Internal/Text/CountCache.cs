using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>
/// A bounded cache of text → token count: direct-mapped slots, each holding one immutable entry (the text and its count),
/// so readers need no lock and never see half an entry. A text is admitted on its third sighting (a table of hashes
/// remembers the last text seen in each slot and how often), so texts seen once or twice — most made-up names and
/// numbers, most whole messages — never allocate or push out the ones that repeat; a newer text replaces an older one in
/// its slot unless that one was used since it was cached (a second chance, as the CLOCK policy gives). Each admission
/// allocates, and the GC collects a short-lived process's garbage late: these two rules keep a long file's turnover of
/// rare pieces, and so the validator's peak memory, small. Counts are always exact: an entry is
/// used only when its text equals the one asked for (the same string instance is recognised without reading it). The
/// piece counter keeps one in front of the byte-pair merge, and <c>TokenCounter</c> one of whole strings.
/// </summary>
internal sealed class CountCache
{
    private readonly Entry?[] _entries;
    private readonly int[] _sightings;
    private readonly bool[] _used;
    private readonly int _shift;
    private readonly long _characterBudget;
    private long _characters;

    /// <summary>Initializes a new instance of the <see cref="CountCache"/> class.</summary>
    /// <param name="slotBits">The number of slots, as a power of two (16: 65,536 slots).</param>
    /// <param name="characterBudget">The characters the entries may hold in all before the cache starts afresh; 0 for no
    /// limit (the caller bounds the length of what it adds).</param>
    public CountCache(int slotBits = 16, long characterBudget = 0)
    {
        _entries = new Entry?[1 << slotBits];
        _sightings = new int[1 << slotBits];
        _used = new bool[1 << slotBits];
        _shift = 32 - slotBits;
        _characterBudget = characterBudget;
    }

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

    /// <summary>Finds the count of a text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="hash">Its hash (any hash the caller uses for this cache consistently; never 0).</param>
    /// <param name="count">The count, when found.</param>
    /// <returns><see langword="true"/> when the text is cached.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(ReadOnlySpan<char> text, int hash, out int count)
    {
        var slot = Slot(hash);
        var entry = Volatile.Read(ref _entries[slot]);
        if (entry is not null && entry.Hash == hash && ShortEquality.SameOrEqual(text, entry.Text))
        {
            // Marked as used (written only when not marked yet, so that a hot slot is only read).
            if (!_used[slot])
            {
                _used[slot] = true;
            }

            count = entry.Count;
            return true;
        }

        count = 0;
        return false;
    }

    /// <summary>Offers a counted piece: remembered on its first two sightings, cached (copied) on its third.</summary>
    /// <param name="piece">The piece.</param>
    /// <param name="hash">Its hash.</param>
    /// <param name="count">Its count.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<char> piece, int hash, int count)
    {
        if (Admit(hash) && Claim(hash))
        {
            Store(piece.ToString(), hash, count);
        }
    }

    /// <summary>Offers a counted string: remembered on its first two sightings, cached (the same instance) on its third.</summary>
    /// <param name="text">The string.</param>
    /// <param name="hash">Its hash.</param>
    /// <param name="count">Its count.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(string text, int hash, int count)
    {
        if (Admit(hash) && Claim(hash))
        {
            Store(text, hash, count);
        }
    }

    // Whether the hash was seen twice before in its slot (its top 30 bits, with a sighting count in the low two);
    // remembers this sighting when not.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Admit(int hash)
    {
        ref var sighting = ref _sightings[Slot(hash)];
        var seen = Volatile.Read(ref sighting);
        if ((seen & ~3) == (hash & ~3))
        {
            if ((seen & 3) >= 2)
            {
                return true;
            }

            Volatile.Write(ref sighting, (hash & ~3) | 2);
            return false;
        }

        Volatile.Write(ref sighting, (hash & ~3) | 1);
        return false;
    }

    // Whether the hash's slot may take a new entry: not while it holds one used since it was cached (a second chance: the
    // entry is unmarked, and must go unused until the next offer to be replaced), so that pieces seen a few times do not
    // push out the ones every text uses.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Claim(int hash)
    {
        var slot = Slot(hash);
        if (_used[slot])
        {
            _used[slot] = false;
            return false;
        }

        return true;
    }

    private void Store(string text, int hash, int count)
    {
        var slot = Slot(hash);
        if (_characterBudget > 0 && Interlocked.Add(ref _characters, text.Length) > _characterBudget)
        {
            Array.Clear(_entries);
            Array.Clear(_used);
            Interlocked.Exchange(ref _characters, text.Length);
        }

        Volatile.Write(ref _entries[slot], new Entry(text, hash, count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(int hash) => (int)(((uint)hash * 0x9E3779B9u) >> _shift);

    private sealed class Entry(string text, int hash, int count)
    {
        public string Text { get; } = text;

        public int Hash { get; } = hash;

        public int Count { get; } = count;
    }
}
