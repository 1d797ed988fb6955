using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Internal;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>Scores one answer with every per-answer scorer; a scorer that throws gives an error score.</summary>
internal static class AnswerScoring
{
    public static async Task<List<Score>> ScoreAsync(
        RunContext run, TestCase testCase, string modelName, string text, string? systemPrompt, int repeat, string? error, CancellationToken cancellationToken)
    {
        var scorers = run.AnswerScorers;
        var scores = new List<Score>(scorers.Count);
        var context = new ScoringContext(testCase, modelName, text, systemPrompt) { Repeat = repeat, Judge = run.Judge, FormatRules = run.Suite.FormatRules };
        foreach (var scorer in scorers)
        {
            if (error is not null)
            {
                scores.Add(Score.Error(scorer.Criterion, "model call failed: " + error));
                continue;
            }

            try
            {
                scores.Add(await scorer.ScoreAsync(context, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                Log.ScorerFailed(run.Logger, ex, scorer.Criterion, testCase.Id, modelName);
                scores.Add(Score.Error(scorer.Criterion, $"scorer threw {ex.GetType().Name}: {ex.Message}"));
            }
        }

        // While the judges' requests are collected for their batch, their deferred verdicts are not errors yet.
        foreach (var score in scores.Where(s => s.Outcome == ScoreOutcome.Error && !run.Judge.IsCollecting))
        {
            Telemetry.ComparisonErrors.Add(1, new KeyValuePair<string, object?>("criterion", score.Criterion));
        }

        return scores;
    }

    /// <summary>Whether recorded scores were made by the current scorers (else the recorded answer is rescored).</summary>
    public static bool MadeBy(IReadOnlyList<Score> scores, IReadOnlyList<IScorer> scorers) =>
        scores.Select(s => s.Criterion).SequenceEqual(scorers.Select(s => s.Criterion), StringComparer.Ordinal);
}
