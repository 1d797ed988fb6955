using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Validation;

/// <summary>
/// A compact map from 64-bit content hashes to the first line they were seen on, for duplicate and overlap checks over
/// files of any size. Each hash and its line are appended once to chunks of 4,096 entries (12 bytes an entry) that are
/// never copied; 256 independent open-addressing shards (chosen by the hash's top byte) map a hash to its entry with
/// 4 bytes per slot, load factor at most 0.75. Growing a shard copies only its small slot array, so remembering every
/// example of a large file costs about 20 bytes an example, never one large block, and leaves little behind for the GC.
/// Not thread-safe.
/// </summary>
internal sealed class HashIndex
{
    private const int ShardBits = 8;
    private const int InitialShardSlots = 64;
    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly Shard?[] _shards = new Shard?[1 << ShardBits];
    private ulong[][] _keys = new ulong[4][];
    private int[][] _lines = new int[4][];

    public int Count { get; private set; }

    /// <summary>Adds a hash, or returns the line it was first seen on.</summary>
    /// <param name="hash">The hash (0 is mapped to 1).</param>
    /// <param name="line">The line of this occurrence.</param>
    /// <param name="firstLine">The first line of the hash when it was already present.</param>
    /// <returns><see langword="true"/> when the hash is new.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAdd(ulong hash, int line, out int firstLine)
    {
        hash = hash == 0 ? 1 : hash;
        var shard = _shards[hash >> (64 - ShardBits)] ??= new Shard();
        ref var slot = ref shard.Find(this, hash);
        if (slot != 0)
        {
            firstLine = LineAt(slot - 1);
            return false;
        }

        slot = Append(hash, line) + 1;
        shard.Added(this);
        firstLine = line;
        return true;
    }

    /// <summary>Finds the first line of a hash.</summary>
    /// <param name="hash">The hash.</param>
    /// <param name="line">The line.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool TryGetLine(ulong hash, out int line)
    {
        hash = hash == 0 ? 1 : hash;
        if (_shards[hash >> (64 - ShardBits)] is { } shard && shard.Find(this, hash) is var slot and not 0)
        {
            line = LineAt(slot - 1);
            return true;
        }

        line = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong KeyAt(int entry) => _keys[entry >> ChunkBits][entry & (ChunkSize - 1)];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int LineAt(int entry) => _lines[entry >> ChunkBits][entry & (ChunkSize - 1)];

    // Appends an entry and returns its number.
    private int Append(ulong hash, int line)
    {
        var entry = Count;
        var chunk = entry >> ChunkBits;
        if (chunk == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
            Array.Resize(ref _lines, _lines.Length * 2);
        }

        _keys[chunk] ??= new ulong[ChunkSize];
        _lines[chunk] ??= new int[ChunkSize];
        _keys[chunk][entry & (ChunkSize - 1)] = hash;
        _lines[chunk][entry & (ChunkSize - 1)] = line;
        Count = entry + 1;
        return entry;
    }

    // Open addressing over entry numbers + 1 (0: an empty slot).
    private sealed class Shard
    {
        private int[] _slots = new int[InitialShardSlots];
        private int _count;

        /// <summary>Gets the slot holding the hash's entry, or the empty slot where it belongs.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public ref int Find(HashIndex index, ulong hash)
        {
            var mask = _slots.Length - 1;
            var slot = (int)(hash & (ulong)mask);
            while (_slots[slot] != 0 && index.KeyAt(_slots[slot] - 1) != hash)
            {
                slot = (slot + 1) & mask;
            }

            return ref _slots[slot];
        }

        /// <summary>Counts an entry just stored in a slot <see cref="Find"/> gave, growing when the shard is too full.</summary>
        public void Added(HashIndex index)
        {
            _count++;
            if (_count * 4L > _slots.Length * 3L)
            {
                Grow(index);
            }
        }

        private void Grow(HashIndex index)
        {
            var old = _slots;
            _slots = new int[old.Length * 2];
            var mask = _slots.Length - 1;
            foreach (var entry in old)
            {
                if (entry == 0)
                {
                    continue;
                }

                var slot = (int)(index.KeyAt(entry - 1) & (ulong)mask);
                while (_slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                _slots[slot] = entry;
            }
        }
    }
}
