using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>
/// Decodes the UTF-8 of a JSON string value to a string in the toolkit's own code, compiled optimised at once: eight ASCII
/// bytes at a time, any other well-formed sequence and JSON's escapes by hand. Ill-formed input (overlong forms, surrogates, code points past U+10FFFF, truncated
/// sequences) is refused, and the caller falls back to the runtime's decoder, so results and errors are the runtime's.
/// The reader decodes every message text this way; the runtime's transcoder would run unoptimised and instrumented for
/// most of a short-lived validation process while it warms up.
/// </summary>
internal static class Utf8Text
{
    private const int StackLimit = 512;

    /// <summary>Decodes well-formed UTF-8 holding JSON escapes (<c>\n</c>, <c>\u00e9</c>, surrogate pairs).</summary>
    /// <param name="utf8">The bytes: a JSON string value without its quotes, its escapes already checked by the reader.</param>
    /// <param name="text">The text, when well formed.</param>
    /// <returns><see langword="false"/> when the bytes are not well-formed UTF-8, or hold an escaped lone surrogate or a
    /// malformed escape.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryDecode(ReadOnlySpan<byte> utf8, out string text)
    {
        text = string.Empty;
        if (utf8.Length <= StackLimit)
        {
            Span<char> buffer = stackalloc char[utf8.Length];
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

    /// <summary>Decodes well-formed UTF-8 holding JSON escapes into a buffer, allocating nothing.</summary>
    /// <param name="utf8">The bytes: a JSON string value without its quotes, its escapes already checked by the reader.</param>
    /// <param name="chars">Where to write the text: at least as long as <paramref name="utf8"/> (UTF-16 never needs more
    /// code units than UTF-8 has bytes).</param>
    /// <returns>The number of code units written, or -1 when the bytes are not well-formed UTF-8, or hold an escaped lone
    /// surrogate or a malformed escape.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int TryDecode(ReadOnlySpan<byte> utf8, Span<char> chars)
    {
        if (chars.Length < utf8.Length)
        {
            throw new ArgumentException("The buffer must be at least as long as the bytes.", nameof(chars));
        }

        return Decode(utf8, chars);
    }

    // Decodes into `chars` (at least as long as `utf8`: UTF-16 never needs more code units than UTF-8 has bytes) and
    // returns the number of code units, or -1 for ill-formed input.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Decode(ReadOnlySpan<byte> utf8, Span<char> chars)
    {
        ref var source = ref MemoryMarshal.GetReference(utf8);
        var length = utf8.Length;
        int i = 0, o = 0;
        ref var target = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(chars));
        while (i < length)
        {
            if (TryCopyAscii(ref source, length, ref target, ref i, ref o))
            {
                continue;
            }

            int lead = Unsafe.Add(ref source, i);
            if (lead == '\\')
            {
                var taken = Unescape(utf8[i..], chars[o..], out var units);
                if (taken == 0)
                {
                    return -1;
                }

                i += taken;
                o += units;
                continue;
            }

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

    // Copies a run of ASCII bytes without a backslash, 32 or 8 at a time, and moves both positions; false when the next
    // bytes need the byte-by-byte path.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryCopyAscii(ref byte source, int length, ref ushort target, ref int i, ref int o)
    {
        // The output never runs ahead of the input, and the output is at least as long as the input.
        if (Vector256.IsHardwareAccelerated && i + Vector256<byte>.Count <= length)
        {
            var block = Vector256.LoadUnsafe(ref source, (nuint)i);
            if (block.ExtractMostSignificantBits() == 0 && !Vector256.EqualsAny(block, Vector256.Create((byte)'\\')))
            {
                var (lower, upper) = Vector256.Widen(block);
                lower.StoreUnsafe(ref target, (nuint)o);
                upper.StoreUnsafe(ref target, (nuint)(o + Vector256<ushort>.Count));
                i += Vector256<byte>.Count;
                o += Vector256<byte>.Count;
                return true;
            }
        }

        if (i + 8 <= length)
        {
            // Eight ASCII bytes with no backslash (a zero byte in word ^ 0x5C5C...) are copied as they are.
            var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, i));
            var backslashes = word ^ 0x5C5C_5C5C_5C5C_5C5CUL;
            if (((word | ((backslashes - 0x0101_0101_0101_0101UL) & ~backslashes)) & 0x8080_8080_8080_8080UL) == 0)
            {
                for (var k = 0; k < 8; k++)
                {
                    Unsafe.Add(ref target, o + k) = (byte)(word >> (k * 8));
                }

                i += 8;
                o += 8;
                return true;
            }
        }

        return false;
    }

    // One JSON escape (or an escaped surrogate pair): the bytes it takes, or 0 when it is not one the reader would turn into
    // text (a lone surrogate: the reader's own GetString reports it).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Unescape(ReadOnlySpan<byte> rest, Span<char> chars, out int units)
    {
        units = 1;
        if (rest.Length < 2)
        {
            return 0;
        }

        char simple = rest[1] switch
        {
            (byte)'"' => '"',
            (byte)'\\' => '\\',
            (byte)'/' => '/',
            (byte)'b' => '\b',
            (byte)'f' => '\f',
            (byte)'n' => '\n',
            (byte)'r' => '\r',
            (byte)'t' => '\t',
            _ => '\0',
        };
        if (simple != '\0')
        {
            chars[0] = simple;
            return 2;
        }

        if (rest[1] != 'u' || !TryHex(rest, 2, out var unit))
        {
            return 0;
        }

        if (!char.IsSurrogate(unit))
        {
            chars[0] = unit;
            return 6;
        }

        if (!char.IsHighSurrogate(unit) || rest.Length < 12 || rest[6] != '\\' || rest[7] != 'u'
            || !TryHex(rest, 8, out var low) || !char.IsLowSurrogate(low))
        {
            return 0;
        }

        chars[0] = unit;
        chars[1] = low;
        units = 2;
        return 12;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryHex(ReadOnlySpan<byte> rest, int start, out char unit)
    {
        unit = '\0';
        if (rest.Length < start + 4)
        {
            return false;
        }

        var value = 0;
        for (var k = start; k < start + 4; k++)
        {
            var digit = HexValue(rest[k]);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        unit = (char)value;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>Gets a value indicating whether bytes are well-formed UTF-8 (what <c>Utf8.IsValid</c> accepts).</summary>
    /// <param name="utf8">The bytes.</param>
    /// <returns><see langword="true"/> when they are.</returns>
    public static bool IsWellFormed(ReadOnlySpan<byte> utf8) => IndexOfIllFormed(utf8) < 0;

    /// <summary>Finds where bytes stop being well-formed UTF-8.</summary>
    /// <param name="utf8">The bytes.</param>
    /// <returns>The index of the first byte of the first ill-formed (or truncated) sequence, or -1 when all are well formed.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int IndexOfIllFormed(ReadOnlySpan<byte> utf8)
    {
        ref var source = ref MemoryMarshal.GetReference(utf8);
        var i = 0;
        while (i < utf8.Length)
        {
            if (Vector256.IsHardwareAccelerated && i + Vector256<byte>.Count <= utf8.Length
                && Vector256.LoadUnsafe(ref source, (nuint)i).ExtractMostSignificantBits() == 0)
            {
                i += Vector256<byte>.Count;
                continue;
            }

            if (i + 8 <= utf8.Length && (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref source, i)) & 0x8080_8080_8080_8080UL) == 0)
            {
                i += 8;
                continue;
            }

            int lead = Unsafe.Add(ref source, i);
            if (lead < 0x80)
            {
                i++;
                continue;
            }

            var consumed = DecodeSequence(utf8[i..], lead, out _);
            if (consumed == 0)
            {
                return i;
            }

            i += consumed;
        }

        return -1;
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
