using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>
/// Decodes UTF-8 to a string in the toolkit's own code, compiled optimised at once: eight ASCII bytes at a time, and any
/// other well-formed sequence by hand. Ill-formed input (overlong forms, surrogates, code points past U+10FFFF, truncated
/// sequences) is refused, and the caller falls back to the runtime's decoder, so results and errors are the runtime's.
/// The reader decodes every message text this way; the runtime's transcoder would run unoptimised and instrumented for
/// most of a short-lived validation process while it warms up.
/// </summary>
internal static class Utf8Text
{
    private const int StackLimit = 512;

    /// <summary>Decodes well-formed UTF-8.</summary>
    /// <param name="utf8">The bytes.</param>
    /// <param name="text">The text, when well formed.</param>
    /// <returns><see langword="false"/> when the bytes are not well-formed UTF-8.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryDecode(ReadOnlySpan<byte> utf8, out string text)
    {
        text = string.Empty;
        if (utf8.Length <= StackLimit)
        {
            Span<char> buffer = stackalloc char[StackLimit];
            var written = Decode(utf8, buffer);
            if (written < 0)
            {
                return false;
            }

            text = new string(buffer[..written]);
            return true;
        }

        var rented = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            var written = Decode(utf8, rented);
            if (written < 0)
            {
                return false;
            }

            text = new string(rented, 0, written);
            return true;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    // Decodes into `chars` (at least as long as `utf8`: UTF-16 never needs more code units than UTF-8 has bytes) and
    // returns the number of code units, or -1 for ill-formed input.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Decode(ReadOnlySpan<byte> utf8, Span<char> chars)
    {
        ref var source = ref MemoryMarshal.GetReference(utf8);
        var length = utf8.Length;
        int i = 0, o = 0;
        while (i < length)
        {
            if (i + 8 <= length)
            {
                var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, i));
                if ((word & 0x8080_8080_8080_8080UL) == 0)
                {
                    for (var k = 0; k < 8; k++)
                    {
                        chars[o + k] = (char)(byte)(word >> (k * 8));
                    }

                    i += 8;
                    o += 8;
                    continue;
                }
            }

            int lead = Unsafe.Add(ref source, i);
            if (lead < 0x80)
            {
                chars[o++] = (char)lead;
                i++;
                continue;
            }

            var consumed = DecodeSequence(utf8[i..], lead, out var value);
            if (consumed == 0)
            {
                return -1;
            }

            if (value < 0x10000)
            {
                chars[o++] = (char)value;
            }
            else
            {
                value -= 0x10000;
                chars[o++] = (char)(0xD800 + (value >> 10));
                chars[o++] = (char)(0xDC00 + (value & 0x3FF));
            }

            i += consumed;
        }

        return o;
    }

    // One multi-byte sequence (Unicode's table 3-7 of well-formed byte sequences): its length, or 0 when ill-formed.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DecodeSequence(ReadOnlySpan<byte> rest, int lead, out int value)
    {
        value = 0;
        int needed, low = 0x80, high = 0xBF;
        switch (lead)
        {
            case >= 0xC2 and <= 0xDF:
                needed = 1;
                value = lead & 0x1F;
                break;
            case >= 0xE0 and <= 0xEF:
                needed = 2;
                value = lead & 0x0F;
                low = lead == 0xE0 ? 0xA0 : 0x80;
                high = lead == 0xED ? 0x9F : 0xBF;
                break;
            case >= 0xF0 and <= 0xF4:
                needed = 3;
                value = lead & 0x07;
                low = lead == 0xF0 ? 0x90 : 0x80;
                high = lead == 0xF4 ? 0x8F : 0xBF;
                break;
            default:
                return 0;
        }

        if (rest.Length <= needed)
        {
            return 0;
        }

        for (var k = 1; k <= needed; k++)
        {
            int next = rest[k];
            if (next < low || next > high)
            {
                return 0;
            }

            low = 0x80;
            high = 0xBF;
            value = (value << 6) | (next & 0x3F);
        }

        return needed + 1;
    }
}
