using System.Runtime.InteropServices;

namespace FineTuning.Toolkit.Validation;

/// <summary>A fast, process-independent 64-bit hash of text (FNV-1a over UTF-16 code units, 8 bytes at a time), for duplicate detection.</summary>
internal struct StableHash
{
    private const ulong Prime = 0x100000001b3UL;
    private ulong _value;

    public StableHash()
    {
        _value = 0xcbf29ce484222325UL;
    }

    public readonly ulong Value => _value;

    public void Add(ulong value) => Mix(value);

    public void Add(string? text)
    {
        if (text is null)
        {
            Mix(0xFFFF_FFFF_FFFF_FFFFUL);
            return;
        }

        var span = text.AsSpan();
        var words = MemoryMarshal.Cast<char, ulong>(span);
        foreach (var word in words)
        {
            Mix(word);
        }

        for (var i = words.Length * 4; i < span.Length; i++)
        {
            Mix(span[i]);
        }

        Mix((ulong)(uint)text.Length | 0x8000_0000_0000_0000UL);
    }

    private void Mix(ulong word)
    {
        _value = (_value ^ word) * Prime;
        _value ^= _value >> 29;
    }
}
