using System.Globalization;
using System.Runtime.CompilerServices;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>
/// The pre-tokenizers of <c>o200k_base</c> and <c>cl100k_base</c> written by hand: each returns the length of the piece
/// the encoding's regular expression (as <c>Microsoft.ML.Tokenizers</c> 2.0 uses it) matches at a position, with the same alternatives tried in the
/// same order and the same backtracking, on UTF-16 characters and their Unicode categories as .NET's regular expressions
/// see them — so the pieces, and the counts, are the regular expression's, at a fraction of its cost.
/// </summary>
internal static class TiktokenPreTokenizer
{
    [Flags]
    private enum Kind : byte
    {
        None = 0,

        // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]: o200k's "upper" class.
        Upper = 1,

        // [\p{Ll}\p{Lm}\p{Lo}\p{M}]: o200k's "lower" class.
        Lower = 2,

        // \p{L}
        Letter = 4,

        // \p{N}
        Number = 8,

        // \s
        Space = 16,

        // [\r\n]
        NewLine = 32,
    }

    // Every UTF-16 code unit's kind (64 KB): one load per character instead of a Unicode category lookup.
    private static readonly Kind[] Kinds = BuildKinds();

    /// <summary>Gets the length of the <c>o200k_base</c> piece that starts at <paramref name="start"/>.</summary>
    /// <param name="text">The text (no special tokens).</param>
    /// <param name="start">Where the piece starts; less than the text's length.</param>
    /// <returns>The piece's length, at least 1.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int NextO200k(ReadOnlySpan<char> text, int start)
    {
        var ascii = AsciiWord(text, start, caseSplit: true);
        if (ascii > 0)
        {
            return Contraction(text, ascii) - start;
        }

        var first = KindOf(text[start]);
        var prefixed = IsPrefix(first) ? 1 : 0;

        // [^\r\n\p{L}\p{N}]?[U]*[L]+('s|...)? then [^\r\n\p{L}\p{N}]?[U]+[L]*('s|...)?, the optional prefix taken first.
        for (var prefix = prefixed; prefix >= 0; prefix--)
        {
            var end = UpperThenLower(text, start + prefix);
            if (end > 0)
            {
                return Contraction(text, end) - start;
            }
        }

        for (var prefix = prefixed; prefix >= 0; prefix--)
        {
            var end = UppersThenLowers(text, start + prefix);
            if (end > 0)
            {
                return Contraction(text, end) - start;
            }
        }

        if ((first & Kind.Number) != 0)
        {
            return Numbers(text, start);
        }

        // " ?[^\s\p{L}\p{N}]+[\r\n/]*"
        var symbols = Symbols(text, start);
        if (symbols > 0)
        {
            var end = start + symbols;
            while (end < text.Length && (text[end] is '\r' or '\n' or '/'))
            {
                end++;
            }

            return end - start;
        }

        return WhiteSpace(text, start, endAnchor: false);
    }

    /// <summary>Gets the length of the <c>cl100k_base</c> piece that starts at <paramref name="start"/>.</summary>
    /// <param name="text">The text (no special tokens).</param>
    /// <param name="start">Where the piece starts; less than the text's length.</param>
    /// <returns>The piece's length, at least 1.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int NextCl100k(ReadOnlySpan<char> text, int start)
    {
        // '(?i:[sdmt]|ll|ve|re)
        if (text[start] == '\'')
        {
            var end = Contraction(text, start);
            if (end > start)
            {
                return end - start;
            }
        }

        // (?>[^\r\n\p{L}\p{N}]?)(?>\p{L}+)
        var ascii = AsciiWord(text, start, caseSplit: false);
        if (ascii > 0)
        {
            return ascii - start;
        }

        var first = KindOf(text[start]);
        var letters = IsPrefix(first) ? start + 1 : start;
        var lettersEnd = letters;
        while (lettersEnd < text.Length && (KindOf(text[lettersEnd]) & Kind.Letter) != 0)
        {
            lettersEnd++;
        }

        if (lettersEnd > letters)
        {
            return lettersEnd - start;
        }

        if ((first & Kind.Number) != 0)
        {
            return Numbers(text, start);
        }

        // " ?(?>[^\s\p{L}\p{N}]+)(?>[\r\n]*)"
        var symbols = Symbols(text, start);
        if (symbols > 0)
        {
            var end = start + symbols;
            while (end < text.Length && (text[end] is '\r' or '\n'))
            {
                end++;
            }

            return end - start;
        }

        return WhiteSpace(text, start, endAnchor: true);
    }

    // The common case, in ASCII: an optional space, then letters (o200k: capitals, then at least one small letter), ended
    // by an ASCII character that is not a letter of the run. Returns the end, or 0 for anything else (the general path).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int AsciiWord(ReadOnlySpan<char> text, int start, bool caseSplit)
    {
        var at = text[start] == ' ' ? start + 1 : start;
        var upper = at;
        while (caseSplit && upper < text.Length && char.IsAsciiLetterUpper(text[upper]))
        {
            upper++;
        }

        var end = upper;
        while (end < text.Length && (caseSplit ? char.IsAsciiLetterLower(text[end]) : char.IsAsciiLetter(text[end])))
        {
            end++;
        }

        return end == upper || (end < text.Length && text[end] >= 128) ? 0 : end;
    }

    // [U]*[L]+ from `at`: the longest run of "upper" characters that a "lower" one follows, then the run of "lower" ones.
    // Returns the end, or 0 when nothing matches.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int UpperThenLower(ReadOnlySpan<char> text, int at)
    {
        var uppers = at;
        while (uppers < text.Length && (KindOf(text[uppers]) & Kind.Upper) != 0)
        {
            uppers++;
        }

        // Backtrack: the last position in [at, uppers] whose character is "lower".
        var lower = uppers;
        while (lower >= at && (lower >= text.Length || (KindOf(text[lower]) & Kind.Lower) == 0))
        {
            lower--;
        }

        if (lower < at)
        {
            return 0;
        }

        var end = lower + 1;
        while (end < text.Length && (KindOf(text[end]) & Kind.Lower) != 0)
        {
            end++;
        }

        return end;
    }

    // [U]+[L]* from `at`. Returns the end, or 0 when nothing matches.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int UppersThenLowers(ReadOnlySpan<char> text, int at)
    {
        var end = at;
        while (end < text.Length && (KindOf(text[end]) & Kind.Upper) != 0)
        {
            end++;
        }

        if (end == at)
        {
            return 0;
        }

        while (end < text.Length && (KindOf(text[end]) & Kind.Lower) != 0)
        {
            end++;
        }

        return end;
    }

    // (?i:'s|'t|'re|'ve|'m|'ll|'d) at `at`: the end after the contraction, or `at` when there is none.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Contraction(ReadOnlySpan<char> text, int at)
    {
        if (at + 1 >= text.Length || text[at] != '\'')
        {
            return at;
        }

        var c = Fold(text[at + 1]);
        if (c is 's' or 't' or 'm' or 'd')
        {
            return at + 2;
        }

        if (at + 2 < text.Length)
        {
            var d = Fold(text[at + 2]);
            if ((c == 'r' && d == 'e') || (c == 'v' && d == 'e') || (c == 'l' && d == 'l'))
            {
                return at + 3;
            }
        }

        return at;
    }

    // (?i) on the contraction letters: only their ASCII upper case (the long s, U+017F, does not match (?i:s)).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static char Fold(char c) => c is >= 'A' and <= 'Z' ? (char)(c | 0x20) : c;

    // \p{N}{1,3}
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Numbers(ReadOnlySpan<char> text, int start)
    {
        var end = start + 1;
        while (end < text.Length && end - start < 3 && (KindOf(text[end]) & Kind.Number) != 0)
        {
            end++;
        }

        return end - start;
    }

    // " ?[^\s\p{L}\p{N}]+": the length, or 0 when nothing matches.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Symbols(ReadOnlySpan<char> text, int start)
    {
        var at = start;
        if (text[at] == ' ' && at + 1 < text.Length && IsSymbol(KindOf(text[at + 1])))
        {
            at++;
        }

        var end = at;
        while (end < text.Length && IsSymbol(KindOf(text[end])))
        {
            end++;
        }

        return end > at ? end - start : 0;
    }

    // The white-space alternatives. o200k: \s*[\r\n]+ | \s+(?!\S) | \s+. cl100k: (?>\s+)$ | \s*[\r\n] | \s+(?!\S) | \s.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int WhiteSpace(ReadOnlySpan<char> text, int start, bool endAnchor)
    {
        var end = start;
        var lastNewLine = -1;
        while (end < text.Length && (KindOf(text[end]) & Kind.Space) != 0)
        {
            if (text[end] is '\r' or '\n')
            {
                lastNewLine = end;
            }

            end++;
        }

        if (end == start)
        {
            // Not reached for well-formed input (every character matches an alternative); the pattern skips it.
            return 1;
        }

        if (endAnchor && end == text.Length)
        {
            return end - start;
        }

        if (lastNewLine >= 0)
        {
            // \s* backtracks to the last new line; o200k's [\r\n]+ cannot extend past it (it is the last one).
            return lastNewLine + 1 - start;
        }

        if (end == text.Length)
        {
            return end - start;
        }

        return end - start > 1 ? end - start - 1 : 1;
    }

    private static bool IsPrefix(Kind kind) => (kind & (Kind.Letter | Kind.Number | Kind.NewLine)) == 0;

    private static bool IsSymbol(Kind kind) => (kind & (Kind.Letter | Kind.Number | Kind.Space)) == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Kind KindOf(char c) => Kinds[c];

    private static Kind Classify(char c)
    {
        var kind = CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter => Kind.Upper | Kind.Letter,
            UnicodeCategory.LowercaseLetter => Kind.Lower | Kind.Letter,
            UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => Kind.Upper | Kind.Lower | Kind.Letter,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => Kind.Upper | Kind.Lower,
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => Kind.Number,
            _ => Kind.None,
        };
        if (char.IsWhiteSpace(c))
        {
            kind |= Kind.Space;
        }

        return kind;
    }

    private static Kind[] BuildKinds()
    {
        var table = new Kind[char.MaxValue + 1];
        for (var c = 0; c < table.Length; c++)
        {
            table[c] = Classify((char)c);
            if (c is '\r' or '\n')
            {
                table[c] |= Kind.NewLine;
            }
        }

        return table;
    }
}
