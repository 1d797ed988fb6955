using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>
/// Catches an answer to a different question, without an LLM: the topics of the user's turns (and of the case's
/// category, when it names one) must meet the topics of the answer, and the prompt's distinctive terms (names,
/// acronyms, figures) should appear in it. With an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>, the cosine
/// similarity of prompt (or reference answer) and answer must also reach a minimum.
/// </summary>
internal sealed class RelevanceScorer : IScorer
{
    private readonly IReadOnlyDictionary<string, string[]> _topics;
    private readonly TopicMatcher _matcher;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddings;
    private readonly double _minimumSimilarity;
    private const int RecentQuestions = 1024;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TestCase, Question> _questions = new(ReferenceEqualityComparer.Instance);

    public RelevanceScorer(IEmbeddingGenerator<string, Embedding<float>>? embeddings = null, double minimumSimilarity = 0.5, IReadOnlyDictionary<string, string[]>? topics = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumSimilarity, -1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumSimilarity, 1);
        _embeddings = embeddings;
        _minimumSimilarity = minimumSimilarity;
        _topics = topics ?? TopicLexicon.Default;
        _matcher = new TopicMatcher(_topics);
    }

    public string Criterion => Criteria.Relevance;

    public async ValueTask<Score> ScoreAsync(ScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var question = string.Join("\n", context.TestCase.Messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text));
        var lexical = Lexical(context.TestCase, question, context.Response, context.SystemPrompt);
        if (lexical.Outcome == ScoreOutcome.Fail || _embeddings is null)
        {
            return lexical;
        }

        var inputs = new List<string> { question, context.Response };
        if (context.TestCase.Expectations.ReferenceAnswer is { } reference)
        {
            inputs.Add(reference);
        }

        var vectors = await _embeddings.GenerateAsync(inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
        var answer = vectors[1].Vector.Span;
        var similarity = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, answer);
        if (vectors.Count > 2)
        {
            similarity = Math.Max(similarity, TensorPrimitives.CosineSimilarity(vectors[2].Vector.Span, answer));
        }

        var figure = string.Create(CultureInfo.InvariantCulture, $"similarity {similarity:0.00}");
        return similarity >= _minimumSimilarity
            ? new Score(Criterion, ScoreOutcome.Pass, $"{figure} ≥ {_minimumSimilarity.ToString("0.00", CultureInfo.InvariantCulture)}; {lexical.Reason}", value: similarity)
            : new Score(Criterion, ScoreOutcome.Fail, $"answers something else: {figure} < {_minimumSimilarity.ToString("0.00", CultureInfo.InvariantCulture)}", "off-topic", similarity);
    }

    private Score Lexical(TestCase testCase, string question, string answer, string? systemPrompt)
    {
        // The question's side is the same for every model and repeat: computed once per case while its answers are scored
        // (they come close together). Only recent cases are kept, so a large suite does not keep one per case.
        if (!_questions.TryGetValue(testCase, out var profile))
        {
            if (_questions.Count >= RecentQuestions)
            {
                _questions.Clear();
            }

            profile = _questions.GetOrAdd(testCase, _ => Profile(question, testCase.Category, systemPrompt));
        }

        if (!string.Equals(profile.SystemPrompt, systemPrompt, StringComparison.Ordinal))
        {
            profile = Profile(question, testCase.Category, systemPrompt);
        }

        var (asked, terms, askedStems, _) = profile;
        var lower = answer.ToLowerInvariant();
        var words = RelevanceText.Words(lower);
        var answered = _matcher.Topics(lower, words);
        var missing = terms.Where(t => !answer.Contains(t, StringComparison.OrdinalIgnoreCase)).ToList();
        var overlap = RelevanceText.Overlap(askedStems, RelevanceText.ContentStems(words), minimumShared: 3);
        if (asked.Count == 0 && terms.Count == 0)
        {
            return overlap is null
                ? Score.NotApplicable(Criterion, "the question has no topic or content words to check")
                : overlap >= 0.2 ? Score.Pass(Criterion, Share(overlap.Value)) : Score.Fail(Criterion, "shares almost no words with the question: " + Share(overlap.Value), "off-topic");
        }

        if (asked.Count > 0 && !asked.Overlaps(answered) && overlap is not >= 0.5)
        {
            var about = answered.Count == 0 ? "no known topic" : string.Join(", ", answered.Order(StringComparer.Ordinal));
            return Score.Fail(Criterion, $"answers a different question: asked about {string.Join(", ", asked.Order(StringComparer.Ordinal))}, answered about {about}", "off-topic");
        }

        if (asked.Count == 0 && missing.Count == terms.Count && overlap is not >= 0.5)
        {
            return Score.Fail(Criterion, $"never mentions what was asked about ({string.Join(", ", missing)})", "off-topic");
        }

        var shared = asked.Intersect(answered).Order(StringComparer.Ordinal).ToList();
        return Score.Pass(Criterion, shared.Count > 0 ? "on topic: " + string.Join(", ", shared) : Share(overlap ?? 0));
    }

    private Question Profile(string question, string? category, string? systemPrompt)
    {
        var asked = _matcher.Topics(question);
        if (category is not null && _topics.ContainsKey(category))
        {
            asked.Add(category);
        }

        return new Question(asked, RelevanceText.DistinctiveTerms(question, systemPrompt), RelevanceText.ContentStems(RelevanceText.Words(question.ToLowerInvariant())), systemPrompt);
    }

    private static string Share(double overlap) => string.Create(CultureInfo.InvariantCulture, $"{overlap:P0} of the question's words in the answer");

    private sealed record Question(HashSet<string> Topics, List<string> Terms, HashSet<string> Stems, string? SystemPrompt);
}
