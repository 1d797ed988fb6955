namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>Counts finished items and reports <see cref="ComparisonProgress"/> after each.</summary>
internal sealed class ProgressReporter(IProgress<ComparisonProgress>? progress, RunCounters counters)
{
    private int _completed;

    public int Total { get; set; }

    public void Completed(string model, string caseId)
    {
        var completed = Interlocked.Increment(ref _completed);
        progress?.Report(new ComparisonProgress
        {
            Completed = completed,
            Total = Total,
            ModelCalls = counters.ModelCalls,
            CacheHits = counters.ModelCacheHits,
            Resumed = counters.Resumed,
            JudgeCalls = counters.JudgeCalls,
            Model = model,
            CaseId = caseId,
        });
    }
}
