using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Comparison.Results;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// The judges' batch of a comparison: once every answer is in (scored with the batch judges' verdicts deferred), the
/// pairwise judge's requests are collected too, all of them go out as one more batch, and the answers are scored again
/// and the pairs judged from its results. A failed or expired judge line is a judge error of its case, as for a live judge.
/// </summary>
internal static class JudgeBatchRound
{
    public static async Task<List<PairwiseResult>> RunAsync(
        RunContext collecting, JudgeServices answering, JudgeBatch judges, IReadOnlyList<ModelUnderTest> models, CaseResultStore answers, IProgress<ComparisonProgress>? progress, CancellationToken cancellationToken)
    {
        var options = collecting.Options;
        if (options.PairwiseJudge is { } pairwise)
        {
            // Collects the pairwise requests; the verdicts (all deferred) are dropped, and nothing is reported or counted.
            var scratch = new RunCounters();
            await new PairwiseRunner(collecting.With(collecting.Judge, new ProgressReporter(null, scratch), scratch), pairwise)
                .JudgeAllAsync(models, answers, cancellationToken).ConfigureAwait(false);
        }

        using var store = judges.Count == 0
            ? new BatchAnswerStore()
            : await BatchExecutor.RunJudgeAsync(collecting.Suite, judges, options, collecting.TimeProvider, collecting.Logger, progress, cancellationToken).ConfigureAwait(false);
        judges.AnswerFrom(store, options.Batch.RetryFailedRequests == ComparisonExecutionMode.Live);
        var run = collecting.With(answering, collecting.Progress, collecting.Counters);
        var runner = new AnswerRunner(run);
        var cases = run.Suite.Cases.ToDictionary(c => c.Id, StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, answers.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
            async (slot, token) =>
            {
                var facts = answers.Facts(slot);
                if (!facts.Failed && Enumerable.Range(0, facts.Scores.Length).Any(i => facts.OutcomeAt(i) == ScoreOutcome.Error))
                {
                    var rescored = await runner.RescoreAsync(cases[facts.CaseId], answers.Read(slot), token).ConfigureAwait(false);
                    answers.SetScores(slot, rescored.Scores);
                }
            }).ConfigureAwait(false);
        return options.PairwiseJudge is { } judge
            ? await new PairwiseRunner(run, judge).JudgeAllAsync(models, answers, cancellationToken).ConfigureAwait(false)
            : [];
    }
}
