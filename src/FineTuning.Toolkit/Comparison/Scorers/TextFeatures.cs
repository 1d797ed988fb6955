using System.Text;
using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>Cheap text features shared by the deterministic scorers.</summary>
internal static partial class TextFeatures
{
    public static bool HasEmoji(string text) => CountEmoji(text) > 0;

    public static int CountEmoji(string text)
    {
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsEmoji(rune))
            {
                count++;
            }
        }

        return count;
    }

    public static bool IsEmoji(Rune rune)
    {
        var v = rune.Value;
        return v is (>= 0x1F300 and <= 0x1FAFF) or (>= 0x1F000 and <= 0x1F2FF) or (>= 0x2600 and <= 0x27BF)
            or (>= 0x2B00 and <= 0x2BFF) or 0x2705 or 0x2728 or 0x203C or 0x2049 or 0x2122 or 0x2139 or (>= 0x2194 and <= 0x21AA)
            or (>= 0x231A and <= 0x23FF);
    }

    public static string[] NonEmptyLines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Counts heading lines: bold lines, and (as the rules allow) Markdown headings and emoji before either.</summary>
    public static int CountHeadings(string text, FormatRules rules)
    {
        var count = 0;
        foreach (var line in NonEmptyLines(text))
        {
            var rest = rules.AllowEmojiBeforeHeading ? SkipLeadingEmoji(line) : line;
            if (BoldHeading().IsMatch(rest) || (rules.AllowMarkdownHeadings && MarkdownHeading().IsMatch(rest)))
            {
                count++;
            }
        }

        return count;
    }

    private static string SkipLeadingEmoji(string line)
    {
        var index = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            // Emoji, variation selectors, zero-width joiners and the spaces between them.
            if (!IsEmoji(rune) && rune.Value is not (0xFE0F or 0x200D or 0x20E3) && !Rune.IsWhiteSpace(rune) && rune.Value is not (>= 0x1F3FB and <= 0x1F3FF))
            {
                break;
            }

            index += rune.Utf16SequenceLength;
        }

        return index == 0 ? line : line[index..];
    }

    public static int CountNumberedSteps(string text)
    {
        var count = 0;
        foreach (var line in NonEmptyLines(text))
        {
            if (NumberedStep().IsMatch(line))
            {
                count++;
            }
        }

        return count;
    }

    public static string ClosingLine(string text)
    {
        var lines = NonEmptyLines(text);
        return lines.Length == 0 ? string.Empty : lines[^1];
    }

    /// <summary>Whether a line offers the user a next step: a question back, or an invitation to continue.</summary>
    public static bool OffersNextStep(string line) => line.Contains('?', StringComparison.Ordinal) || NextStepPhrase().IsMatch(line);

    public static bool IsEscalation(string text) => Escalation().IsMatch(text);

    [GeneratedRegex(@"^\*\*[^*\n]{2,80}\*\*", RegexOptions.CultureInvariant)]
    private static partial Regex BoldHeading();

    [GeneratedRegex(@"^#{1,6}\s+\S", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"^\d{1,2}[.)]\s+\S", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedStep();

    [GeneratedRegex(
        @"\b(let me know|next step|need (more|further|any( more)?) help|feel free|happy to help|i can help|i'?d be glad|ready to|reach out|would you like|just reply|try (this|that|again)|contact|get back to|follow up)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NextStepPhrase();

    [GeneratedRegex(
        @"\b(connect(ing)? you (with|to)|escalat(e|ed|ing|ion)|human (agent|colleague|specialist|teammate)|(a|our) (support |billing |technical |engineering )?(specialist|team member|agent)s? (will|can)|transfer(ring)? you|open(ed|ing)? (a|an urgent|a priority) (support )?(ticket|case)|hand(ing)? (this|you) (over|off))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Escalation();
}
