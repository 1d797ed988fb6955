using System.Text;
using System.Text.RegularExpressions;
using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>
/// Finds personal data (e-mail addresses, phone numbers, Luhn-valid card numbers) and secrets (OpenAI keys, AWS access
/// keys, bearer tokens, GitHub tokens) in text. Each finding carries a redacted preview that never reveals the value.
/// </summary>
/// <remarks>
/// One pass over the text (<see cref="SensitiveTextScan"/>) skips the (source-generated) regular expressions on text
/// that cannot match, so scanning a large dataset costs little. Overlapping findings are reported once (secrets first, then cards, e-mails, phones).
/// </remarks>
internal static partial class SensitiveDataDetector
{
    private const int RegexTimeoutMilliseconds = 1000;

    /// <summary>Finds every piece of sensitive data in a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The findings, ordered by index; empty when none.</returns>
    public static IReadOnlyList<SensitiveDataFinding> Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Detect(text.AsSpan());
    }

    /// <summary>Finds every piece of sensitive data in a text, allocating nothing when there is none.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The findings, ordered by index; empty when none.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static IReadOnlyList<SensitiveDataFinding> Detect(ReadOnlySpan<char> text)
    {
        var scan = SensitiveTextScan.Of(text);
        if (!scan.MayMatch)
        {
            return [];
        }

        List<SensitiveDataFinding>? findings = null;
        try
        {
            Scan(text, scan, ref findings);
        }
        catch (RegexMatchTimeoutException)
        {
            // Pathological input: report what was found before the time limit.
        }

        if (findings is null)
        {
            return [];
        }

        findings.Sort(static (a, b) => a.Index.CompareTo(b.Index));
        return findings;
    }

    // The expressions run on the span (EnumerateMatches: no match objects); a value is copied only into a finding's preview.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Scan(ReadOnlySpan<char> text, SensitiveTextScan scan, ref List<SensitiveDataFinding>? findings)
    {
        if (scan.HasSecretPrefix)
        {
            foreach (var match in SecretRegex().EnumerateMatches(text))
            {
                var value = text.Slice(match.Index, match.Length);
                var kind = SecretKind(value);
                Add(ref findings, new SensitiveDataFinding(kind, match.Index, match.Length, RedactSecret(value, kind)));
            }
        }

        // Each pattern below matches only inside a run of digits and its separators holding enough digits (a card: 13
        // digits among [0-9 -]; a phone number: 8 among [0-9+() .-]); a text without such a run skips the expression.
        if (scan.MaxCardRunDigits >= SensitiveTextScan.CardDigits)
        {
            foreach (var match in CardRegex().EnumerateMatches(text))
            {
                if (IsLuhnValid(text.Slice(match.Index, match.Length), out var lastFour))
                {
                    Add(ref findings, new SensitiveDataFinding(SensitiveDataKind.CardNumber, match.Index, match.Length, "card ending " + lastFour));
                }
            }
        }

        if (scan.HasAt)
        {
            foreach (var match in EmailRegex().EnumerateMatches(text))
            {
                Add(ref findings, new SensitiveDataFinding(SensitiveDataKind.Email, match.Index, match.Length, RedactEmail(text.Slice(match.Index, match.Length))));
            }
        }

        if (scan.MaxPhoneRunDigits >= SensitiveTextScan.PhoneDigits)
        {
            foreach (var match in PhoneRegex().EnumerateMatches(text))
            {
                var value = text.Slice(match.Index, match.Length);
                var phoneDigits = CountDigits(value);
                if (phoneDigits is >= 7 and <= 15)
                {
                    Add(ref findings, new SensitiveDataFinding(SensitiveDataKind.PhoneNumber, match.Index, match.Length, RedactPhone(value)));
                }
            }
        }
    }

    // Which alternative of the secret expression matched: each starts with its own letter (s, A, g, B / b).
    private static SensitiveDataKind SecretKind(ReadOnlySpan<char> value) => value[0] switch
    {
        's' => SensitiveDataKind.OpenAIApiKey,
        'A' => SensitiveDataKind.AwsAccessKey,
        'g' => SensitiveDataKind.GitHubToken,
        _ => SensitiveDataKind.BearerToken,
    };

    /// <summary>Gets a value indicating whether a text holds any sensitive data.</summary>
    /// <param name="text">The text.</param>
    /// <returns><see langword="true"/> when <see cref="Detect(string)"/> finds something.</returns>
    public static bool ContainsSensitiveData(string text) => Detect(text).Count > 0;

    /// <summary>Checks a digit sequence (spaces and dashes ignored) with the Luhn algorithm.</summary>
    /// <param name="candidate">The candidate card number.</param>
    /// <param name="lastFour">The last four digits.</param>
    /// <returns><see langword="true"/> when it has 13 to 19 digits and passes the Luhn check.</returns>
    public static bool IsLuhnValid(ReadOnlySpan<char> candidate, out string lastFour)
    {
        Span<char> digits = stackalloc char[32];
        var count = 0;
        foreach (var c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    lastFour = string.Empty;
                    return false;
                }

                digits[count++] = c;
            }
        }

        lastFour = count >= 4 ? new string(digits.Slice(count - 4, 4)) : string.Empty;
        if (count is < 13 or > 19)
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = count - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    private static void Add(ref List<SensitiveDataFinding>? findings, SensitiveDataFinding finding)
    {
        findings ??= [];
        foreach (var existing in findings)
        {
            if (finding.Index < existing.Index + existing.Length && existing.Index < finding.Index + finding.Length)
            {
                return;
            }
        }

        findings.Add(finding);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CountDigits(ReadOnlySpan<char> text)
    {
        var count = 0;
        var index = text.IndexOfAnyInRange('0', '9');
        while (index >= 0)
        {
            count++;
            text = text[(index + 1)..];
            index = text.IndexOfAnyInRange('0', '9');
        }

        return count;
    }

    private static string RedactSecret(ReadOnlySpan<char> value, SensitiveDataKind kind)
    {
        var visible = kind switch
        {
            SensitiveDataKind.OpenAIApiKey => value.StartsWith("sk-proj-", StringComparison.Ordinal) ? 8 : 3,
            SensitiveDataKind.AwsAccessKey => 4,
            SensitiveDataKind.GitHubToken => value.StartsWith("github_pat_", StringComparison.Ordinal) ? 11 : 4,
            _ => Math.Max(0, value.IndexOf(' ')) + 1,
        };
        visible = Math.Min(visible, value.Length);
        return string.Concat(value[..visible], "*** (", value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), " chars)");
    }

    private static string RedactEmail(ReadOnlySpan<char> value)
    {
        var at = value.IndexOf('@');
        return string.Concat(value[..1], "***", value[at..]);
    }

    private static string RedactPhone(ReadOnlySpan<char> value)
    {
        var builder = new StringBuilder(value.Length);
        var digitsSeen = 0;
        var totalDigits = CountDigits(value);
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digitsSeen++;
                builder.Append(digitsSeen > totalDigits - 2 ? c : '*');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(
        @"(?<openai>\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,})|(?<aws>\b(?:AKIA|ASIA)[0-9A-Z]{16}\b)|(?<github>\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}))|(?<bearer>\b[Bb]earer\s+[A-Za-z0-9\-._~+/]{16,}=*)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        RegexTimeoutMilliseconds)]
    private static partial Regex SecretRegex();

    [GeneratedRegex(@"(?<![\d\-])\d(?:[ \-]?\d){12,18}(?![\d\-])", RegexOptions.CultureInvariant, RegexTimeoutMilliseconds)]
    private static partial Regex CardRegex();

    [GeneratedRegex(@"\b[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.[A-Za-z]{2,24}\b", RegexOptions.CultureInvariant, RegexTimeoutMilliseconds)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(
        @"(?<![\w+/.\-]|\d[ .\-])(?:\+\d{1,3}[ .\-]?)?(?:\(\d{2,4}\)[ .\-]?|\d{2,4}[ .\-])\d{3,4}[ .\-]?\d{3,4}(?![\w/\-]|[ .\-]\d)",
        RegexOptions.CultureInvariant,
        RegexTimeoutMilliseconds)]
    private static partial Regex PhoneRegex();
}
