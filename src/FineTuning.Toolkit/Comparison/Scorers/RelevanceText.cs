using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>The text features behind <see cref="RelevanceScorer"/>: topics, distinctive terms and word overlap.</summary>
internal static partial class RelevanceText
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "you", "your", "yours", "can", "could", "would", "should", "what", "when", "where", "which", "who", "why", "how",
        "does", "did", "doing", "have", "has", "had", "with", "from", "that", "this", "these", "those", "there", "here", "are", "was", "were",
        "will", "just", "not", "but", "all", "any", "our", "out", "get", "got", "now", "then", "than", "into", "about", "need", "want", "they",
        "them", "she", "her", "his", "him", "its", "it's", "i'm", "i've", "can't", "don't", "won't", "what's", "there's", "let", "me", "my",
        "is", "it", "do", "to", "of", "in", "on", "at", "an", "a", "i", "be", "or", "so", "if", "up", "by", "as", "we", "us", "no", "yes",
    };

    /// <summary>Names, acronyms and figures of the question (capitalised inside a sentence, all capitals, digits) that the system prompt does not already use.</summary>
    public static List<string> DistinctiveTerms(string question, string? systemPrompt)
    {
        // Sentence-initial capitals are not distinctive: the character before the word (spaces skipped) ends a sentence.
        var terms = new List<string>();
        foreach (Match match in Word().Matches(question))
        {
            var word = match.Value;
            var before = question.AsSpan(0, match.Index).TrimEnd();
            var initial = before.IsEmpty || before[^1] is '.' or '!' or '?' or ':' or '\n';
            var distinctive = word.Any(char.IsDigit) || (word.Length > 1 && word.All(c => char.IsUpper(c) || !char.IsLetter(c))) || (!initial && char.IsUpper(word[0]) && word.Length > 1);
            if (distinctive && (systemPrompt is null || !systemPrompt.Contains(word, StringComparison.OrdinalIgnoreCase)) && !terms.Contains(word, StringComparer.OrdinalIgnoreCase))
            {
                terms.Add(word);
            }
        }

        return terms;
    }

    /// <summary>
    /// The share of the question's content words (lightly stemmed) that the answer uses, counted only when at least
    /// <paramref name="minimumShared"/> words (or all of a shorter question's) are shared; one common word says little; <see langword="null"/> without content words.
    /// </summary>
    public static double? Overlap(string question, string answer, int minimumShared = 1) =>
        Overlap(ContentStems(Words(question.ToLowerInvariant())), ContentStems(Words(answer.ToLowerInvariant())), minimumShared);

    /// <summary>As <see cref="Overlap(string, string, int)"/>, on content stems already computed.</summary>
    public static double? Overlap(HashSet<string> asked, HashSet<string> answered, int minimumShared = 1)
    {
        if (asked.Count == 0)
        {
            return null;
        }

        var shared = asked.Count(answered.Contains);
        return shared < Math.Min(minimumShared, asked.Count) ? 0 : (double)shared / asked.Count;
    }

    /// <summary>The content words (three letters or more, no stop words), lightly stemmed, of lower-cased words.</summary>
    public static HashSet<string> ContentStems(List<string> words)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            if (word.Length >= 3 && !StopWords.Contains(word))
            {
                stems.Add(Stem(word));
            }
        }

        return stems;
    }

    private static string Stem(string word)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["ing", "ed", "es", "s"])
        {
            if (word.Length > suffix.Length + 3 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }

    /// <summary>The words of a text, in order.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        foreach (var match in Word().EnumerateMatches(text))
        {
            words.Add(text.Substring(match.Index, match.Length));
        }

        return words;
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'\-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
