using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FineTuning.Toolkit.Validation;

/// <summary>A fast, process-independent 64-bit hash of text (FNV-1a over UTF-16 code units, 8 bytes at a time), for duplicate detection.</summary>
internal struct StableHash
{
    private const ulong Prime = 0x100000001b3UL;
    private ulong _value;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public StableHash()
    {
        _value = 0xcbf29ce484222325UL;
    }

    public readonly ulong Value => _value;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ulong value) => Mix(value);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(string? text)
    {
        if (text is null)
        {
            Mix(0xFFFF_FFFF_FFFF_FFFFUL);
            return;
        }

        Mix(Of(text.AsSpan()));
    }

    /// <summary>Hashes text in one pass: four independent FNV-1a-style lanes over 32 bytes at a time, then the tail.</summary>
    /// <param name="span">The text.</param>
    /// <returns>The hash.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Of(ReadOnlySpan<char> span)
    {
        var words = MemoryMarshal.Cast<char, ulong>(span);
        ulong a = 0xcbf29ce484222325UL, b = 0x84222325cbf29ce4UL, c = 0x9e3779b97f4a7c15UL, d = 0xc2b2ae3d27d4eb4fUL;
        var i = 0;
        for (; i + 4 <= words.Length; i += 4)
        {
            a = Step(a, words[i]);
            b = Step(b, words[i + 1]);
            c = Step(c, words[i + 2]);
            d = Step(d, words[i + 3]);
        }

        for (; i < words.Length; i++)
        {
            a = Step(a, words[i]);
        }

        for (var j = words.Length * 4; j < span.Length; j++)
        {
            b = Step(b, span[j]);
        }

        var hash = new StableHash();
        hash.Mix(a);
        hash.Mix(b);
        hash.Mix(c);
        hash.Mix(d);
        hash.Mix((ulong)(uint)span.Length | 0x8000_0000_0000_0000UL);
        return hash._value;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong Step(ulong lane, ulong word)
    {
        lane = (lane ^ word) * Prime;
        return lane ^ (lane >> 29);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Mix(ulong word)
    {
        _value = (_value ^ word) * Prime;
        _value ^= _value >> 29;
    }
}
