using System.Globalization;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>
/// How the emulator answers a judge's prompt (the comparer's rubric and pairwise judges): JSON verdicts drawn from the
/// fenced answers' formatting (bold headings, numbered steps, a closing offer), so a styled answer rates higher and
/// wins its pairs, in both orders and deterministically, live or in a batch.
/// </summary>
internal static class JudgeResponder
{
    private const string RubricMarker = "Reply with JSON only: {\"score\"";
    private const string PairwiseMarker = "Reply with JSON only: {\"winner\"";

    /// <summary>Returns the verdict for a judge prompt, or <see langword="null"/> when the prompt is not a judge's.</summary>
    public static string? TryAnswer(string prompt)
    {
        if (prompt.Contains(RubricMarker, StringComparison.Ordinal))
        {
            var score = Math.Clamp(1 + Quality(Fenced(prompt, "BEGIN ANSWER_TO_RATE ")), 1, 5);
            return string.Create(CultureInfo.InvariantCulture, $"{{\"score\": {score}, \"reason\": \"formatting features counted by the emulator\"}}");
        }

        if (prompt.Contains(PairwiseMarker, StringComparison.Ordinal))
        {
            var first = Quality(Fenced(prompt, "BEGIN ANSWER_1 "));
            var second = Quality(Fenced(prompt, "BEGIN ANSWER_2 "));
            var winner = first > second ? "1" : second > first ? "2" : "tie";
            return $"{{\"winner\": \"{winner}\", \"reason\": \"the better formatted answer, as counted by the emulator\"}}";
        }

        return null;
    }

    private static string Fenced(string prompt, string begin)
    {
        var start = prompt.IndexOf(begin, StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        var lineEnd = prompt.IndexOf('\n', start);
        if (lineEnd < 0)
        {
            return string.Empty;
        }

        var marker = "END " + prompt[(start + "BEGIN ".Length)..lineEnd].TrimEnd('\r');
        var end = prompt.IndexOf(marker, lineEnd, StringComparison.Ordinal);
        return end < 0 ? prompt[(lineEnd + 1)..] : prompt[(lineEnd + 1)..end];
    }

    private static int Quality(string answer)
    {
        var quality = 0;
        quality += answer.Contains("**", StringComparison.Ordinal) ? 1 : 0;
        quality += answer.Contains("\n1.", StringComparison.Ordinal) || answer.StartsWith("1.", StringComparison.Ordinal) ? 1 : 0;
        quality += answer.Contains("let me know", StringComparison.OrdinalIgnoreCase) || answer.Contains("next step", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        quality += answer.Length > 200 ? 1 : 0;
        return quality;
    }
}
