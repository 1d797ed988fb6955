namespace FineTuning.Toolkit.Validation;

/// <summary>
/// A compact open-addressing map from 64-bit content hashes to the first line they were seen on: 12 bytes per slot,
/// no per-entry object, load factor at most 0.75, so remembering every example of a large file costs little memory.
/// </summary>
internal sealed class HashIndex
{
    private ulong[] _keys = new ulong[1024];
    private int[] _lines = new int[1024];

    public int Count { get; private set; }

    /// <summary>Adds a hash, or returns the line it was first seen on.</summary>
    /// <param name="hash">The hash (0 is mapped to 1).</param>
    /// <param name="line">The line of this occurrence.</param>
    /// <param name="firstLine">The first line of the hash when it was already present.</param>
    /// <returns><see langword="true"/> when the hash is new.</returns>
    public bool TryAdd(ulong hash, int line, out int firstLine)
    {
        if ((Count + 1) * 4L > _keys.Length * 3L)
        {
            Grow();
        }

        hash = hash == 0 ? 1 : hash;
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
        Count++;
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
