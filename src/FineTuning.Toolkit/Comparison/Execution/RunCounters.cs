namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>Thread-safe counters of one comparison run.</summary>
internal sealed class RunCounters
{
    private int _modelCalls;
    private int _modelCacheHits;
    private int _resumed;
    private int _judgeCalls;
    private int _judgeCacheHits;
    private int _judgeErrors;
    private int _retries;

    public int ModelCalls => Volatile.Read(ref _modelCalls);

    public int ModelCacheHits => Volatile.Read(ref _modelCacheHits);

    public int Resumed => Volatile.Read(ref _resumed);

    public int JudgeCalls => Volatile.Read(ref _judgeCalls);

    public int JudgeCacheHits => Volatile.Read(ref _judgeCacheHits);

    public int JudgeErrors => Volatile.Read(ref _judgeErrors);

    public int Retries => Volatile.Read(ref _retries);

    public void ModelCall() => Interlocked.Increment(ref _modelCalls);

    public void ModelCacheHit() => Interlocked.Increment(ref _modelCacheHits);

    public void ResumedItem() => Interlocked.Increment(ref _resumed);

    public void JudgeCall() => Interlocked.Increment(ref _judgeCalls);

    public void JudgeCacheHit() => Interlocked.Increment(ref _judgeCacheHits);

    public void JudgeError() => Interlocked.Increment(ref _judgeErrors);

    public void Retry() => Interlocked.Increment(ref _retries);
}
