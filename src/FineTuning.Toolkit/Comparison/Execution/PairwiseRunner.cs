using FineTuning.Toolkit.Comparison.Results;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>Asks the pairwise judge about every pair of models on every case and repeat (resumed from the journal when recorded).</summary>
internal sealed class PairwiseRunner(RunContext run, PairwiseJudge judge)
{
    public static int CountPairs(int cases, int repeats, int models) => cases * repeats * models * (models - 1) / 2;

    /// <summary>Judges every pair; the two answers of a pair are read from the store when it is judged, never all at once.</summary>
    public async Task<List<PairwiseResult>> JudgeAllAsync(IReadOnlyList<ModelUnderTest> models, CaseResultStore answers, CancellationToken cancellationToken)
    {
        var cases = run.Suite.Cases;
        var repeats = run.Options.Repeats;
        var work = new List<(TestCase Case, int Repeat, int A, int B)>();
        for (var c = 0; c < cases.Count; c++)
        {
            for (var repeat = 0; repeat < repeats; repeat++)
            {
                for (var i = 0; i < models.Count; i++)
                {
                    for (var j = i + 1; j < models.Count; j++)
                    {
                        work.Add((cases[c], repeat, CaseResultStore.SlotOf(c, repeat, i, repeats, models.Count), CaseResultStore.SlotOf(c, repeat, j, repeats, models.Count)));
                    }
                }
            }
        }

        var verdicts = new PairwiseResult[work.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, work.Count),
            new ParallelOptions { MaxDegreeOfParallelism = run.Options.MaxConcurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                var (testCase, repeat, a, b) = work[index];
                verdicts[index] = await JudgePairAsync(testCase, repeat, answers.Read(a), answers.Read(b), token).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return [.. verdicts];
    }

    private async Task<PairwiseResult> JudgePairAsync(TestCase testCase, int repeat, CaseResult a, CaseResult b, CancellationToken cancellationToken)
    {
        var key = RequestKeys.ForPair(judge.Key, testCase, repeat, a.Response, b.Response);
        PairwiseResult verdict;
        if (run.Journal is not null && run.Journal.TryGetVerdict(key, out var prior))
        {
            run.Counters.ResumedItem();
            verdict = new PairwiseResult(testCase.Id, repeat, a.Model, b.Model, prior.Outcome, prior.Reason, prior.FirstOrder, prior.SecondOrder);
        }
        else
        {
            verdict = await judge.JudgeAsync(testCase, a, b, run.Judge, cancellationToken).ConfigureAwait(false);
            if (run.Journal is not null && !verdict.IsError)
            {
                await run.Journal.AppendVerdictAsync(key, verdict, cancellationToken).ConfigureAwait(false);
            }
        }

        run.Progress.Completed(a.Model + " vs " + b.Model, testCase.Id);
        return verdict;
    }
}
