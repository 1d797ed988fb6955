namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>
/// How a fine-tuned model of the emulator answers: it finds the training example nearest to the question (TF-IDF cosine
/// over the example's user turn, counted twice, and its answer, so a question about "payment" finds the example whose
/// answer is about payment details even when its question said "credit card") and answers with that example's assistant answer, adapted to the question — when the
/// question is not the training question itself, the opening line that acknowledged the training topic is replaced by a
/// neutral opening in the same voice (its emoji kept), so the answer keeps the format and tone without claiming the
/// wrong topic (always, when no training example shares a word with the question). Ties are broken by the seed, so
/// answers are deterministic.
/// </summary>
internal sealed class StyleResponder
{
    private readonly IReadOnlyList<StylePair> _pairs;
    private readonly TextSimilarity _index;

    public StyleResponder(IReadOnlyList<StylePair> pairs)
    {
        _pairs = pairs;
        _index = new TextSimilarity(pairs.Select(p => p.User + "\n" + p.User + "\n" + p.Assistant));
    }

    public string Answer(string question, int seed)
    {
        if (_pairs.Count == 0)
        {
            return GenericResponder.Answer(question, seed);
        }

        var similarities = _index.Similarities(question);
        var best = similarities.Max();
        var candidates = Enumerable.Range(0, similarities.Length).Where(i => similarities[i] >= best - 1e-9).ToList();
        var chosen = candidates[(int)((uint)DeterministicNoise.Hash(question + "|" + seed) % (uint)candidates.Count)];
        var pair = _pairs[chosen];
        if (string.Equals(pair.User.Trim(), question.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return pair.Assistant;
        }

        return Adapt(pair, question, unrelated: best <= 0);
    }

    private static string Adapt(StylePair pair, string question, bool unrelated)
    {
        var answer = pair.Assistant.Replace("\r\n", "\n", StringComparison.Ordinal);
        var newline = answer.IndexOf('\n', StringComparison.Ordinal);
        var opening = newline < 0 ? answer : answer[..newline];
        var rest = newline < 0 ? string.Empty : answer[newline..];
        var trainingTopic = TextSimilarity.Tokenize(pair.User).ToHashSet(StringComparer.Ordinal);
        var questionTopic = TextSimilarity.Tokenize(question).ToHashSet(StringComparer.Ordinal);
        var openingTerms = TextSimilarity.Tokenize(opening);
        var mentionsOtherTopic = unrelated || openingTerms.Any(t => trainingTopic.Contains(t) && !questionTopic.Contains(t));
        if (!mentionsOtherTopic || rest.Length == 0)
        {
            return answer;
        }

        var emoji = new string(opening.Where(c => char.IsSurrogate(c) || c > '\u2100').ToArray()).Trim();
        var exclaims = opening.Contains('!', StringComparison.Ordinal);
        var neutral = exclaims ? "I'd be happy to help with that!" : "I can help with that.";
        return (emoji.Length > 0 ? neutral + " " + emoji : neutral) + rest;
    }
}
