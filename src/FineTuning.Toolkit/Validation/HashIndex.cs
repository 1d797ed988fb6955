using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Validation;

/// <summary>
/// A compact map from 64-bit content hashes to the first line they were seen on, for duplicate and overlap checks over
/// files of any size: 256 independent open-addressing shards (chosen by the hash's top byte) of 12 bytes per slot, load
/// factor at most 0.75. Shards grow one at a time with small arrays, so growing never allocates (or leaves behind) one
/// large block, and remembering every example of a large file costs little memory.
/// </summary>
internal sealed class HashIndex
{
    private const int ShardBits = 8;
    private const int InitialShardSlots = 64;

    private readonly Shard[] _shards = new Shard[1 << ShardBits];

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
        if (shard.TryAdd(hash, line, out firstLine))
        {
            Count++;
            return true;
        }

        return false;
    }

    /// <summary>Finds the first line of a hash.</summary>
    /// <param name="hash">The hash.</param>
    /// <param name="line">The line.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool TryGetLine(ulong hash, out int line)
    {
        hash = hash == 0 ? 1 : hash;
        if (_shards[hash >> (64 - ShardBits)] is { } shard)
        {
            return shard.TryGetLine(hash, out line);
        }

        line = 0;
        return false;
    }

    private sealed class Shard
    {
        private ulong[] _keys = new ulong[InitialShardSlots];
        private int[] _lines = new int[InitialShardSlots];
        private int _count;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool TryAdd(ulong hash, int line, out int firstLine)
        {
            if ((_count + 1) * 4L > _keys.Length * 3L)
            {
                Grow();
            }

            var mask = _keys.Length - 1;
            var slot = (int)(hash & (ulong)mask);
            while (_keys[slot] != 0)
            {
                if (_keys[slot] == hash)
                {
                    firstLine = _lines[slot];
                    return false;
                }

                slot = (slot + 1) & mask;
            }

            _keys[slot] = hash;
            _lines[slot] = line;
            _count++;
            firstLine = line;
            return true;
        }

        public bool TryGetLine(ulong hash, out int line)
        {
            var mask = _keys.Length - 1;
            var slot = (int)(hash & (ulong)mask);
            while (_keys[slot] != 0)
            {
                if (_keys[slot] == hash)
                {
                    line = _lines[slot];
                    return true;
                }

                slot = (slot + 1) & mask;
            }

            line = 0;
            return false;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Grow()
        {
            var oldKeys = _keys;
            var oldLines = _lines;
            _keys = new ulong[oldKeys.Length * 2];
            _lines = new int[oldKeys.Length * 2];
            var mask = _keys.Length - 1;
            for (var i = 0; i < oldKeys.Length; i++)
            {
                if (oldKeys[i] == 0)
                {
                    continue;
                }

                var slot = (int)(oldKeys[i] & (ulong)mask);
                while (_keys[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                _keys[slot] = oldKeys[i];
                _lines[slot] = oldLines[i];
            }
        }
    }
}
