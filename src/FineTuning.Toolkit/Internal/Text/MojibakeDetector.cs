using System.Buffers;
using System.Text;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>
/// Finds mojibake: UTF-8 text whose bytes were decoded with Windows-1252 / Latin-1 (<c>Ã©</c> for é, <c>â€™</c> for ’,
/// <c>ðŸ˜€</c> for 😀) or with Mac Roman (<c>üîê</c> for 🔐, <c>‚úÖ</c> for ✅).
/// </summary>
/// <remarks>
/// A run is reported only when mapping its characters back to bytes in that code page yields a complete, valid UTF-8
/// sequence (lead byte and the right number of continuation bytes). For Mac Roman, whose accented letters are common in
/// real text, two-byte sequences must decode to a Latin-1 or Latin Extended-A character (U+00A0–U+017F) and three-byte sequences to punctuation or
/// a symbol (U+2000–U+2BFF); a lone run of three continuation characters that completes an emoji after a lost
/// <c>0xF0</c> lead byte (Mac Roman shows it as the Apple logo, often dropped) is reported too. The Unicode replacement
/// character (U+FFFD), the trace of bytes that could not be decoded at all, is reported as well.
/// </remarks>
internal static class MojibakeDetector
{
    /// <summary>The name used for the Windows-1252 / Latin-1 code page.</summary>
    public const string Windows1252 = "windows-1252";

    /// <summary>The name used for the Mac Roman code page.</summary>
    public const string MacRoman = "macintosh";

    private const string ReplacementCharacter = "\uFFFD";

    // Mac Roman bytes 0x80..0xFF.
    private const string MacRomanHigh =
        "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü" +
        "†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø" +
        "¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ" +
        "‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

    // Windows-1252 bytes 0x80..0x9F (undefined bytes map to the C1 control of the same value, as Latin-1 does).
    private const string Windows1252C1 =
        "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

    private static readonly byte[] Windows1252Bytes = BuildWindows1252();
    private static readonly byte[] MacRomanBytes = BuildMacRoman();
    private static readonly ulong[] Suspects = BuildSuspects();

    /// <summary>Gets a value indicating whether a text holds mojibake.</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when <see cref="Detect(string)"/> finds something.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool ContainsMojibake(ReadOnlySpan<char> text)
    {
        // Every run starts with a suspect character (a lead byte in either code page, a Mac Roman continuation byte, or
        // U+FFFD), so the scan jumps from suspect to suspect.
        for (var i = IndexOfSuspect(text, 0); i >= 0; i = IndexOfSuspect(text, i + 1))
        {
            if (text[i] == '\uFFFD' || TryMatch(text, i, out _, out _, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Finds every run of mojibake in a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The findings, ordered by index; empty when none.</returns>
    public static IReadOnlyList<MojibakeFinding> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        var start = IndexOfSuspect(span, 0);
        if (start < 0)
        {
            return [];
        }

        List<MojibakeFinding>? findings = null;
        for (var i = start; i < span.Length; i++)
        {
            if (span[i] < 0x80)
            {
                continue;
            }

            if (span[i] == '\uFFFD')
            {
                (findings ??= []).Add(new MojibakeFinding(i, 1, ReplacementCharacter, "an undecodable byte", "an unknown encoding"));
                continue;
            }

            if (TryMatch(span, i, out var length, out var repaired, out var codePage))
            {
                (findings ??= []).Add(new MojibakeFinding(i, length, text.Substring(i, length), repaired, codePage));
                i += length - 1;
            }
        }

        return findings is null ? [] : findings;
    }

    /// <summary>Replaces every run of mojibake with the text it meant (the replacement character is left alone).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The repaired text, or the same instance when nothing was found.</returns>
    public static string Repair(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = Detect(text);
        if (findings.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var finding in findings)
        {
            if (finding.Garbled == ReplacementCharacter)
            {
                continue;
            }

            builder.Append(text, position, finding.Index - position).Append(finding.Repaired);
            position = finding.Index + finding.Length;
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryMatch(ReadOnlySpan<char> text, int index, out int length, out string repaired, out string codePage)
    {
        if (TryMatch(text, index, Windows1252Bytes, restrictive: false, out length, out repaired))
        {
            codePage = Windows1252;
            return true;
        }

        if (TryMatch(text, index, MacRomanBytes, restrictive: true, out length, out repaired))
        {
            codePage = MacRoman;
            return true;
        }

        codePage = string.Empty;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryMatch(ReadOnlySpan<char> text, int index, byte[] map, bool restrictive, out int length, out string repaired)
    {
        length = 0;
        repaired = string.Empty;
        var lead = map[text[index]];
        var continuations = lead switch
        {
            >= 0xC2 and <= 0xDF => 1,
            >= 0xE0 and <= 0xEF => 2,
            >= 0xF0 and <= 0xF4 => 3,
            _ => 0,
        };

        Span<byte> bytes = stackalloc byte[4];
        if (continuations > 0 && index + continuations < text.Length)
        {
            bytes[0] = lead;
            if (ReadContinuations(text.Slice(index + 1, continuations), map, bytes[1..]) && TryDecode(bytes[..(continuations + 1)], out var rune))
            {
                var value = rune.Value;
                var plausible = !restrictive
                    || (continuations == 1 && value is >= 0xA0 and <= 0x17F)
                    || (continuations == 2 && value is >= 0x2000 and <= 0x2BFF)
                    || continuations == 3;
                if (plausible)
                {
                    length = continuations + 1;
                    repaired = rune.ToString();
                    return true;
                }
            }
        }

        // Mac Roman shows the 0xF0 lead byte of an emoji as the Apple logo (U+F8FF), which is often dropped:
        // three continuation characters that complete an emoji after 0xF0 are mojibake too.
        if (restrictive && index + 3 <= text.Length && IsContinuation(lead))
        {
            bytes[0] = 0xF0;
            if (ReadContinuations(text.Slice(index, 3), map, bytes[1..]) && TryDecode(bytes, out var rune) && rune.Value is >= 0x1F000 and <= 0x1FAFF)
            {
                length = 3;
                repaired = rune.ToString();
                return true;
            }
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool ReadContinuations(ReadOnlySpan<char> chars, byte[] map, Span<byte> destination)
    {
        for (var k = 0; k < chars.Length; k++)
        {
            var b = map[chars[k]];
            if (!IsContinuation(b))
            {
                return false;
            }

            destination[k] = b;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsContinuation(byte b) => b is >= 0x80 and <= 0xBF;

    private static bool TryDecode(ReadOnlySpan<byte> bytes, out Rune rune) =>
        Rune.DecodeFromUtf8(bytes, out rune, out var consumed) == OperationStatus.Done && consumed == bytes.Length;

    private static byte[] BuildWindows1252()
    {
        var map = new byte[char.MaxValue + 1];
        for (var b = 0xA0; b <= 0xFF; b++)
        {
            map[b] = (byte)b;
        }

        for (var k = 0; k < Windows1252C1.Length; k++)
        {
            map[Windows1252C1[k]] = (byte)(0x80 + k);
            map[0x80 + k] = (byte)(0x80 + k);
        }

        return map;
    }

    private static byte[] BuildMacRoman()
    {
        var map = new byte[char.MaxValue + 1];
        for (var k = 0; k < MacRomanHigh.Length; k++)
        {
            map[MacRomanHigh[k]] = (byte)(0x80 + k);
        }

        return map;
    }

    // The first suspect character at or after `start`, or -1: a plain loop that skips ASCII sixteen, then four characters
    // at a time, compiled optimised at once (no call into the runtime's vectorised search, which a short-lived process
    // would run unoptimised and instrumented while it warms up).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int IndexOfSuspect(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        ref var first = ref MemoryMarshal.GetReference(text);
        if (Vector256.IsHardwareAccelerated)
        {
            ref var units = ref Unsafe.As<char, ushort>(ref first);
            while (i + Vector256<ushort>.Count <= text.Length
                && (Vector256.LoadUnsafe(ref units, (nuint)i) & Vector256.Create((ushort)0xFF80)) == Vector256<ushort>.Zero)
            {
                i += Vector256<ushort>.Count;
            }
        }

        while (i + 4 <= text.Length)
        {
            if ((Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref Unsafe.Add(ref first, i))) & 0xFF80_FF80_FF80_FF80UL) == 0)
            {
                i += 4;
                continue;
            }

            for (var end = i + 4; i < end; i++)
            {
                if (IsSuspect(text[i]))
                {
                    return i;
                }
            }
        }

        for (; i < text.Length; i++)
        {
            if (IsSuspect(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSuspect(char c) => c >= 0x80 && (Suspects[c >> 6] & (1UL << (c & 63))) != 0;

    // One bit per UTF-16 code unit: set for U+FFFD and for each character that is a lead byte in Windows-1252 or a lead or
    // continuation byte in Mac Roman.
    private static ulong[] BuildSuspects()
    {
        var bits = new ulong[(char.MaxValue + 1) / 64];
        bits['\uFFFD' >> 6] |= 1UL << ('\uFFFD' & 63);
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var w = Windows1252Bytes[c];
            var m = MacRomanBytes[c];
            if ((w >= 0xC2 && w <= 0xF4) || (m >= 0x80 && m <= 0xF4))
            {
                bits[c >> 6] |= 1UL << (c & 63);
            }
        }

        return bits;
    }
}
