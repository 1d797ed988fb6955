using System.Runtime.CompilerServices;

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

    /// <summary>Scans a text once.</summary>
    /// <param name="text">The text.</param>
    /// <returns>What the text could hold.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static SensitiveTextScan Of(ReadOnlySpan<char> text)
    {
        var secret = false;
        var at = false;
        int card = 0, maxCard = 0, phone = 0, maxPhone = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                card++;
                phone++;
                maxCard = Math.Max(maxCard, card);
                maxPhone = Math.Max(maxPhone, phone);
                continue;
            }

            switch (c)
            {
                case ' ' or '-':
                    continue;
                case '+' or '(' or ')' or '.':
                    card = 0;
                    continue;
                case '@':
                    at = true;
                    break;
                case 's' or 'A' or 'g' or 'B' or 'b' when !secret:
                    secret = StartsSecret(text, i);
                    break;
            }

            card = 0;
            phone = 0;
        }

        return new SensitiveTextScan(secret, at, maxCard, maxPhone);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool StartsSecret(ReadOnlySpan<char> text, int index)
    {
        var rest = text[index..];
        return rest[0] switch
        {
            's' => rest.Length >= 3 && rest[1] == 'k' && rest[2] == '-',
            'A' => rest.Length >= 4 && (rest[1] == 'K' || rest[1] == 'S') && rest[2] == 'I' && rest[3] == 'A',
            'g' => rest.Length >= 4 && rest[1] == 'h' && ((rest[2] is 'p' or 'o' or 'u' or 's' or 'r' && rest[3] == '_') || rest.StartsWith("github_pat_")),
            _ => rest.Length >= 6 && rest[1] == 'e' && rest[2] == 'a' && rest[3] == 'r' && rest[4] == 'e' && rest[5] == 'r',
        };
    }
}
