namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>
/// A topic lexicon compiled for fast matching: whole-word keywords in a dictionary, prefixes (keywords of five letters
/// or more) and phrases (keywords with spaces or symbols) in lists. Built once per scorer.
/// </summary>
internal sealed class TopicMatcher
{
    private readonly Dictionary<string, List<string>> _words = new(StringComparer.Ordinal);
    private readonly List<(string Prefix, string Topic)> _prefixes = [];
    private readonly List<(string Phrase, string Topic)> _phrases = [];

    public TopicMatcher(IReadOnlyDictionary<string, string[]> lexicon)
    {
        foreach (var (topic, keywords) in lexicon)
        {
            foreach (var keyword in keywords.Select(k => k.ToLowerInvariant()))
            {
                if (keyword.Any(c => !char.IsLetterOrDigit(c) && c != '-' && c != '\''))
                {
                    _phrases.Add((keyword, topic));
                }
                else if (keyword.Length >= 5)
                {
                    _prefixes.Add((keyword, topic));
                }
                else if (_words.TryGetValue(keyword, out var topics))
                {
                    topics.Add(topic);
                }
                else
                {
                    _words[keyword] = [topic];
                }
            }
        }
    }

    public HashSet<string> Topics(string text)
    {
        var lower = text.ToLowerInvariant();
        return Topics(lower, RelevanceText.Words(lower));
    }

    /// <summary>The topics of a lower-cased text whose words are already split.</summary>
    public HashSet<string> Topics(string lower, List<string> words)
    {
        var topics = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var word in words)
        {
            if (_words.TryGetValue(word, out var exact))
            {
                topics.UnionWith(exact);
            }

            if (word.Length < 5)
            {
                continue;
            }

            foreach (var (prefix, topic) in _prefixes)
            {
                if (word[0] == prefix[0] && word.StartsWith(prefix, StringComparison.Ordinal))
                {
                    topics.Add(topic);
                }
            }
        }

        foreach (var (phrase, topic) in _phrases)
        {
            if (!topics.Contains(topic) && lower.Contains(phrase, StringComparison.Ordinal))
            {
                topics.Add(topic);
            }
        }

        return topics;
    }
}
