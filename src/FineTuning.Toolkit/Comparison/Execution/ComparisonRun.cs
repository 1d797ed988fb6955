using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Comparison.Results;
using FineTuning.Toolkit.Internal;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>
/// One comparison: asks every model every case (and repeat) with bounded concurrency, has the pairwise judge compare
/// them, applies the suite-level scorers and builds the report.
/// </summary>
internal sealed class ComparisonRun(ModelComparerOptions options, TimeProvider timeProvider, ILogger logger)
{
    public async Task<ComparisonReport> RunAsync(TestSuite suite, IReadOnlyList<ModelUnderTest> models, IProgress<ComparisonProgress>? progress, CancellationToken cancellationToken)
    {
        Log.ComparisonStarted(logger, models.Count, suite.Name, suite.Cases.Count, options.Repeats, options.MaxConcurrency);
        using var activity = Telemetry.ActivitySource.StartActivity("ModelComparer.Compare");
        activity?.SetTag("comparison.suite", suite.Name);
        activity?.SetTag("comparison.cases", suite.Cases.Count);
        activity?.SetTag("comparison.models", string.Join(",", models.Select(m => m.Name)));

        // Models in batch mode are asked through the Batch API first; they then answer from its results. Judges in batch
        // mode are asked in a second batch once the answers are in.
        using var judgeBatch = JudgeBatch.For(options, models);
        using var batch = await BatchExecutor.PrepareAsync(suite, models, options, timeProvider, logger, progress, cancellationToken).ConfigureAwait(false);
        models = batch.Models;
        var counters = new RunCounters();
        var pipeline = ComparisonResilience.Build(options, timeProvider, logger, counters);
        IDistributedCache? cache = options.Cache ?? (options.CacheDirectory is null ? null : new FileDistributedCache(options.CacheDirectory));
        using var journal = options.ResultsPath is null ? null : ResultsJournal.Open(options.ResultsPath);
        if (journal is { Count: > 0 })
        {
            Log.ComparisonResuming(logger, journal.Path, journal.Count);
        }

        var stamp = new CallStamp();
        var judges = new JudgeServices(cache, pipeline, counters, stamp, timeProvider, judgeBatch);
        var run = new RunContext
        {
            Suite = suite,
            Options = options,
            Counters = counters,
            Clients = new ModelClients(cache, pipeline, stamp, timeProvider),
            Stamp = stamp,
            Judge = judgeBatch is null ? judges : judges.With(new RunCounters(), judgeBatch),
            Progress = new ProgressReporter(progress, counters),
            Logger = logger,
            TimeProvider = timeProvider,
            Identities = Identify(models, cache is not null || journal is not null),
            Journal = journal,
        };

        var started = timeProvider.GetUtcNow();
        var startedAt = timeProvider.GetTimestamp();
        var answers = await AnswerAllAsync(run, models, cancellationToken).ConfigureAwait(false);
        List<PairwiseResult> pairwise;
        try
        {
            pairwise = await JudgeAsync(run, judges, judgeBatch, models, answers, progress, cancellationToken).ConfigureAwait(false);
            SuiteScoring.Apply(suite, options.Scorers, answers);
        }
        catch
        {
            answers.Dispose();
            throw;
        }

        var elapsed = timeProvider.GetElapsedTime(startedAt);
        var report = new ComparisonReport(
            suite,
            models,
            answers,
            pairwise,
            options,
            new ComparisonRunInfo(started, elapsed, counters.ModelCalls, counters.ModelCacheHits, counters.Resumed, counters.JudgeCalls, counters.JudgeCacheHits, counters.JudgeErrors, counters.Retries));
        activity?.SetTag("comparison.model_calls", counters.ModelCalls);
        activity?.SetTag("comparison.errors", report.ErrorCount);
        Log.ComparisonFinished(logger, elapsed, counters.ModelCalls, counters.ModelCacheHits, counters.Resumed, counters.JudgeCalls, counters.JudgeErrors);
        if (report.ErrorBudgetExceeded)
        {
            Log.ErrorBudgetExceeded(logger, report.ErrorCount, report.ScoredCount, options.ErrorBudget);
        }

        return report;
    }

    private static async Task<List<PairwiseResult>> JudgeAsync(
        RunContext run, JudgeServices judges, JudgeBatch? judgeBatch, IReadOnlyList<ModelUnderTest> models, CaseResultStore answers, IProgress<ComparisonProgress>? progress, CancellationToken cancellationToken)
    {
        if (judgeBatch is not null)
        {
            return await JudgeBatchRound.RunAsync(run, judges, judgeBatch, models, answers, progress, cancellationToken).ConfigureAwait(false);
        }

        return run.Options.PairwiseJudge is { } judge
            ? await new PairwiseRunner(run, judge).JudgeAllAsync(models, answers, cancellationToken).ConfigureAwait(false)
            : [];
    }

    /// <summary>Asks every model every case and repeat; each answer goes to the run's store (on disk) as it comes.</summary>
    private async Task<CaseResultStore> AnswerAllAsync(RunContext run, IReadOnlyList<ModelUnderTest> models, CancellationToken cancellationToken)
    {
        var cases = run.Suite.Cases;
        var perCase = options.Repeats * models.Count;
        var count = cases.Count * perCase;
        var pairs = options.PairwiseJudge is null ? 0 : PairwiseRunner.CountPairs(cases.Count, options.Repeats, models.Count);
        run.Progress.Total = count + pairs;
        var runner = new AnswerRunner(run);
        var answers = CaseResultStore.Create(count, options.Batch?.WorkingDirectory);
        try
        {
            // Slot = (case × repeats + repeat) × models + model (CaseResultStore.SlotOf): the order of the report's results.
            await Parallel.ForEachAsync(
                Enumerable.Range(0, count),
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
                async (slot, token) =>
                {
                    var testCase = cases[slot / perCase];
                    var repeat = slot % perCase / models.Count;
                    var model = models[slot % models.Count];
                    answers.Put(slot, await runner.AnswerAsync(testCase, repeat, model, token).ConfigureAwait(false));
                }).ConfigureAwait(false);
        }
        catch
        {
            answers.Dispose();
            throw;
        }

        return answers;
    }

    private Dictionary<string, ModelIdentity> Identify(IReadOnlyList<ModelUnderTest> models, bool reusing)
    {
        var identities = models.ToDictionary(m => m.Name, ModelIdentity.Of, StringComparer.Ordinal);
        if (reusing)
        {
            foreach (var (name, identity) in identities.Where(i => !i.Value.IsKnown))
            {
                Log.ModelNotIdentified(logger, name);
            }
        }

        return identities;
    }
}
