using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>
/// One pass over a text that tells which of <see cref="SensitiveDataDetector"/>'s expressions could match in it: a secret's
/// literal prefix, an <c>@</c>, and the most digits in one run of card characters (<c>[0-9 -]</c>) and of phone characters
/// (<c>[0-9+() .-]</c>). A plain loop compiled optimised at once: on text with nothing to find (nearly all of a dataset) it
/// costs one read of each character, and no call into the runtime's vectorised search helpers, which a short-lived
/// process would otherwise run unoptimised and instrumented while they warm up.
/// </summary>
internal readonly struct SensitiveTextScan
{
    private SensitiveTextScan(bool secretPrefix, bool at, int cardDigits, int phoneDigits)
    {
        HasSecretPrefix = secretPrefix;
        HasAt = at;
        MaxCardRunDigits = cardDigits;
        MaxPhoneRunDigits = phoneDigits;
    }

    /// <summary>Gets a value indicating whether the text holds a literal prefix the secret expression starts with
    /// (<c>sk-</c>, <c>AKIA</c>, <c>ASIA</c>, <c>gh?_</c>, <c>github_pat_</c>, <c>Bearer</c> / <c>bearer</c>).</summary>
    public bool HasSecretPrefix { get; }

    /// <summary>Gets a value indicating whether the text holds an <c>@</c>.</summary>
    public bool HasAt { get; }

    /// <summary>Gets the most digits found in one maximal run of <c>[0-9 -]</c>.</summary>
    public int MaxCardRunDigits { get; }

    /// <summary>Gets the most digits found in one maximal run of <c>[0-9+() .-]</c>.</summary>
    public int MaxPhoneRunDigits { get; }

    /// <summary>Gets a value indicating whether any of the detector's expressions could match (the thresholds the detector
    /// applies: a secret prefix, an <c>@</c>, 13 digits in a card run, 8 in a phone run).</summary>
    public bool MayMatch => HasSecretPrefix || HasAt || MaxCardRunDigits >= CardDigits || MaxPhoneRunDigits >= PhoneDigits;

    /// <summary>The fewest digits in one run the card expression can match (13).</summary>
    public const int CardDigits = 13;

    /// <summary>The fewest digits in one run the phone expression is tried on (8).</summary>
    public const int PhoneDigits = 8;

    /// <summary>Scans a text once.</summary>
    /// <param name="text">The text.</param>
    /// <returns>What the text could hold.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SensitiveTextScan Of(ReadOnlySpan<char> text)
    {
        var state = default(State);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // Sixteen characters at a time: a block with no digit, no '@', no two characters a secret prefix starts with,
            // and at least one letter (which ends any run of digits) changes nothing but ending the runs.
            ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            while (i + Vector256<ushort>.Count < text.Length)
            {
                var v0 = Vector256.LoadUnsafe(ref first, (nuint)i);
                var v1 = Vector256.LoadUnsafe(ref first, (nuint)(i + 1));
                if (IsPlainWords(v0, v1))
                {
                    state.Card = 0;
                    state.Phone = 0;
                    i += Vector256<ushort>.Count;
                    continue;
                }

                for (var end = i + Vector256<ushort>.Count; i < end; i++)
                {
                    Step(text, i, ref state);
                }
            }
        }

        for (; i < text.Length; i++)
        {
            Step(text, i, ref state);
        }

        return new SensitiveTextScan(state.Secret, state.At, state.MaxCard, state.MaxPhone);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPlainWords(Vector256<ushort> v0, Vector256<ushort> v1)
    {
        var digit = Vector256.LessThan(v0 - Vector256.Create((ushort)'0'), Vector256.Create((ushort)10));
        var at = Vector256.Equals(v0, Vector256.Create((ushort)'@'));
        var sk = Vector256.Equals(v0, Vector256.Create((ushort)'s')) & Vector256.Equals(v1, Vector256.Create((ushort)'k'));
        var aws = Vector256.Equals(v0, Vector256.Create((ushort)'A'))
            & (Vector256.Equals(v1, Vector256.Create((ushort)'K')) | Vector256.Equals(v1, Vector256.Create((ushort)'S')));
        var gh = Vector256.Equals(v0, Vector256.Create((ushort)'g'))
            & (Vector256.Equals(v1, Vector256.Create((ushort)'h')) | Vector256.Equals(v1, Vector256.Create((ushort)'i')));
        var be = (Vector256.Equals(v0, Vector256.Create((ushort)'B')) | Vector256.Equals(v0, Vector256.Create((ushort)'b')))
            & Vector256.Equals(v1, Vector256.Create((ushort)'e'));
        if ((digit | at | sk | aws | gh | be) != Vector256<ushort>.Zero)
        {
            return false;
        }

        var letter = Vector256.LessThan((v0 | Vector256.Create((ushort)0x20)) - Vector256.Create((ushort)'a'), Vector256.Create((ushort)26));
        return letter != Vector256<ushort>.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ReadOnlySpan<char> text, int i, ref State state)
    {
        var c = text[i];
        if (char.IsAsciiDigit(c))
        {
            state.Card++;
            state.Phone++;
            state.MaxCard = Math.Max(state.MaxCard, state.Card);
            state.MaxPhone = Math.Max(state.MaxPhone, state.Phone);
            return;
        }

        switch (c)
        {
            case ' ' or '-':
                return;
            case '+' or '(' or ')' or '.':
                state.Card = 0;
                return;
            case '@':
                state.At = true;
                break;
            case 's' or 'A' or 'g' or 'B' or 'b' when !state.Secret:
                state.Secret = StartsSecret(text, i);
                break;
        }

        state.Card = 0;
        state.Phone = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool StartsSecret(ReadOnlySpan<char> text, int index)
    {
        var rest = text[index..];
        return rest[0] switch
        {
            's' => rest.Length >= 3 && rest[1] == 'k' && rest[2] == '-',
            'A' => rest.Length >= 4 && (rest[1] == 'K' || rest[1] == 'S') && rest[2] == 'I' && rest[3] == 'A',
            'g' => (rest.Length >= 4 && rest[1] == 'h' && rest[2] is 'p' or 'o' or 'u' or 's' or 'r' && rest[3] == '_') || rest.StartsWith("github_pat_"),
            _ => rest.Length >= 6 && rest[1] == 'e' && rest[2] == 'a' && rest[3] == 'r' && rest[4] == 'e' && rest[5] == 'r',
        };
    }

    private struct State
    {
        public bool Secret;
        public bool At;
        public int Card;
        public int MaxCard;
        public int Phone;
        public int MaxPhone;
    }
}
