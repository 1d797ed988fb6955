using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison.Results;

/// <summary>
/// What the report's statistics read of one answer, kept in memory while its text and reasons stay on disk
/// (<see cref="CaseResultStore"/>): who answered which case and repeat, whether the call failed, its measurements, and
/// the outcome of each score in order (criterion id and outcome packed in one <see cref="int"/>).
/// </summary>
internal readonly record struct AnswerFacts(
    string Model,
    string CaseId,
    int Repeat,
    bool Failed,
    double LatencyMilliseconds,
    double? FirstTokenMilliseconds,
    double? OutputTokensPerSecond,
    long? InputTokens,
    long? OutputTokens,
    int[] Scores)
{
    /// <summary>Gets the criterion id of the score at <paramref name="index"/>.</summary>
    public int CriterionAt(int index) => Scores[index] >> 8;

    /// <summary>Gets the outcome of the score at <paramref name="index"/>.</summary>
    public ScoreOutcome OutcomeAt(int index) => (ScoreOutcome)(Scores[index] & 0xFF);

    /// <summary>Gets the outcome of the first score on a criterion (as <see cref="CaseResult.GetScore"/> finds it), or <see langword="null"/>.</summary>
    public ScoreOutcome? Outcome(int criterion)
    {
        foreach (var packed in Scores)
        {
            if (packed >> 8 == criterion)
            {
                return (ScoreOutcome)(packed & 0xFF);
            }
        }

        return null;
    }

    /// <summary>Packs a score's criterion id and outcome.</summary>
    public static int Pack(int criterion, ScoreOutcome outcome) => (criterion << 8) | (int)outcome;
}
