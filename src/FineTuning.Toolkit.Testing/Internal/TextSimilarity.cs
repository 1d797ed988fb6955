using System.Globalization;
using System.Text;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>A small TF-IDF index over documents (lower-cased word tokens without stop words) with cosine similarity.</summary>
internal sealed class TextSimilarity
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "i", "my", "me", "you", "your", "we", "our", "it", "is", "are", "was", "be", "do", "does", "did",
        "to", "of", "in", "on", "for", "with", "and", "or", "can", "how", "what", "what's", "whats", "why", "when", "where",
        "this", "that", "there", "please", "hi", "hello", "so", "at", "as", "if", "not", "get", "i'm", "im", "have", "has",
    };

    private readonly List<Dictionary<string, double>> _vectors = new();
    private readonly Dictionary<string, double> _idf = new(StringComparer.Ordinal);

    public TextSimilarity(IEnumerable<string> documents)
    {
        var tokenized = documents.Select(Tokenize).ToList();
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var terms in tokenized)
        {
            foreach (var term in terms.Distinct())
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
        }

        foreach (var (term, frequency) in documentFrequency)
        {
            _idf[term] = Math.Log((1.0 + tokenized.Count) / (1.0 + frequency)) + 1.0;
        }

        foreach (var terms in tokenized)
        {
            _vectors.Add(Vectorize(terms));
        }
    }

    public static IReadOnlyList<string> Tokenize(string text)
    {
        var terms = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text.ToLower(CultureInfo.InvariantCulture))
        {
            if (char.IsLetterOrDigit(c) || c == '\'')
            {
                current.Append(c);
            }
            else
            {
                Flush(current, terms);
            }
        }

        Flush(current, terms);
        return terms;
    }

    public double[] Similarities(string query)
    {
        var vector = Vectorize(Tokenize(query));
        var result = new double[_vectors.Count];
        for (var i = 0; i < _vectors.Count; i++)
        {
            result[i] = Cosine(vector, _vectors[i]);
        }

        return result;
    }

    private static void Flush(StringBuilder current, List<string> terms)
    {
        if (current.Length == 0)
        {
            return;
        }

        var term = current.ToString().Trim('\'');
        current.Clear();
        if (term.Length > 1 && !StopWords.Contains(term))
        {
            // A crude stemmer is enough to match "refund"/"refunds", "export"/"exporting".
            if (term.Length > 4 && term.EndsWith('s') && !term.EndsWith("ss", StringComparison.Ordinal))
            {
                term = term[..^1];
            }

            if (term.Length > 5 && term.EndsWith("ing", StringComparison.Ordinal))
            {
                term = term[..^3];
            }

            terms.Add(term);
        }
    }

    private static double Cosine(Dictionary<string, double> left, Dictionary<string, double> right)
    {
        double dot = 0, leftNorm = 0, rightNorm = 0;
        foreach (var (term, weight) in left)
        {
            leftNorm += weight * weight;
            if (right.TryGetValue(term, out var other))
            {
                dot += weight * other;
            }
        }

        foreach (var weight in right.Values)
        {
            rightNorm += weight * weight;
        }

        return leftNorm == 0 || rightNorm == 0 ? 0 : dot / Math.Sqrt(leftNorm * rightNorm);
    }

    private Dictionary<string, double> Vectorize(IReadOnlyList<string> terms)
    {
        var vector = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            vector[term] = vector.GetValueOrDefault(term) + 1.0;
        }

        foreach (var term in vector.Keys.ToList())
        {
            // Unknown query terms get the highest idf so they still count against a match.
            var idf = _idf.TryGetValue(term, out var known) ? known : Math.Log(1.0 + _vectors.Count + 1.0) + 1.0;
            vector[term] *= idf;
        }

        return vector;
    }
}
