using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// The judges' batch of a comparison: once every answer is in (scored with the batch judges' verdicts deferred), the
/// pairwise judge's requests are collected too, all of them go out as one more batch, and the answers are scored again
/// and the pairs judged from its results. A failed or expired judge line is a judge error of its case, as for a live judge.
/// </summary>
internal static class JudgeBatchRound
{
    public static async Task<(CaseResult[] Answers, List<PairwiseResult> Pairwise)> RunAsync(
        RunContext collecting, JudgeServices answering, JudgeBatch judges, IReadOnlyList<ModelUnderTest> models, CaseResult[] answers, IProgress<ComparisonProgress>? progress, CancellationToken cancellationToken)
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
        var scored = new CaseResult[answers.Length];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, answers.Length),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var answer = answers[index];
                scored[index] = answer.Error is null && answer.Scores.Any(s => s.Outcome == ScoreOutcome.Error)
                    ? await runner.RescoreAsync(cases[answer.CaseId], answer, token).ConfigureAwait(false)
                    : answer;
            }).ConfigureAwait(false);
        var verdicts = options.PairwiseJudge is { } judge
            ? await new PairwiseRunner(run, judge).JudgeAllAsync(models, scored, cancellationToken).ConfigureAwait(false)
            : [];
        return (scored, verdicts);
    }
}
