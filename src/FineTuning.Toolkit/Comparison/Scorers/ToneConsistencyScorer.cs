using System.Globalization;
using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Comparison.Scorers;

/// <summary>
/// Scores tone consistency across all of one model's answers ("consistent tone across 20 test prompts"). Each answer
/// gets a tone profile — friendly (a warm opener or acknowledgement), professional (no shouting, slang or blame), and
/// whether it uses emoji. An answer passes when it is friendly and professional and its emoji use matches the model's
/// majority, so a model that switches between styles scores low even when each answer is fine on its own.
/// </summary>
internal sealed partial class ToneConsistencyScorer : IScorer, ISuiteScorer
{
    /// <inheritdoc/>
    public string Criterion => Criteria.Tone;

    /// <inheritdoc/>
    /// <summary>Scores one answer alone (the comparer scores all of a model's answers together through <see cref="ScoreSuite"/>).</summary>
    public ValueTask<Score> ScoreAsync(ScoringContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(ScoreSuite([context])[0]);
    }

    public IReadOnlyList<Score> ScoreSuite(IReadOnlyList<ScoringContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        var profiles = contexts.Select(c => Profile(c.Response)).ToList();
        var emojiMajority = profiles.Count(p => p.Emoji) * 2 >= profiles.Count;
        var scores = new List<Score>(contexts.Count);
        foreach (var profile in profiles)
        {
            var problems = new List<string>();
            if (!profile.Friendly)
            {
                problems.Add("no friendly opener or acknowledgement");
            }

            if (profile.Unprofessional is { } why)
            {
                problems.Add(why);
            }

            if (profile.Emoji != emojiMajority)
            {
                problems.Add(emojiMajority ? "no emoji unlike most answers" : "emoji unlike most answers");
            }

            scores.Add(problems.Count == 0
                ? Score.Pass(Criterion, "friendly, professional and consistent")
                : Score.Fail(Criterion, string.Join("; ", problems)));
        }

        return scores;
    }

    /// <summary>Computes the consistency rate: the share of answers that pass.</summary>
    /// <param name="responses">One model's answers.</param>
    /// <returns>The rate between 0 and 1.</returns>
    public double ConsistencyRate(IReadOnlyList<string> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (responses.Count == 0)
        {
            return 1;
        }

        var placeholder = TestCase.FromPrompt("tone", "tone");
        var scores = ScoreSuite(responses.Select(r => new ScoringContext(placeholder, "model", r)).ToList());
        return (double)scores.Count(s => s.Passed) / scores.Count;
    }

    private static ToneProfile Profile(string text)
    {
        var lines = TextFeatures.NonEmptyLines(text);
        var opening = lines.Length == 0 ? string.Empty : lines[0];
        var friendly = Friendly().IsMatch(opening) || (lines.Length > 1 && Friendly().IsMatch(lines[1]));
        string? unprofessional = null;
        var shouting = Shouting().Matches(text).Count;
        if (shouting >= 2)
        {
            unprofessional = string.Create(CultureInfo.InvariantCulture, $"shouting ({shouting} all-caps words)");
        }
        else if (Slang().Match(text) is { Success: true } slang)
        {
            unprofessional = $"unprofessional wording '{slang.Value}'";
        }

        return new ToneProfile(friendly, unprofessional, TextFeatures.HasEmoji(text));
    }

    [GeneratedRegex(
        @"\b(happy to help|glad to help|great question|thanks|thank you|sorry|apologi[sz]e|i understand|no problem|absolutely|of course|i'?d be (happy|glad)|i can help|let'?s (get|fix|sort)|good news|hi|hello|welcome)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Friendly();

    [GeneratedRegex(@"\b(?!FAQ\b|URL\b|API\b|CSV\b|PDF\b|SSO\b|ID\b|OK\b|USD\b|EUR\b)[A-Z]{4,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Shouting();

    [GeneratedRegex(@"\b(lol|dude|whatever|obviously|just google it|not my problem|your fault|ugh|wtf)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Slang();

    private readonly record struct ToneProfile(bool Friendly, string? Unprofessional, bool Emoji);
}
