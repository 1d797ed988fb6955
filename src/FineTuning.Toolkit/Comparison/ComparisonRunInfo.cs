namespace FineTuning.Toolkit.Comparison;

/// <summary>How a comparison ran: when, how long, and how many calls it made or saved.</summary>
/// <param name="Started">When it started.</param>
/// <param name="Elapsed">The wall time.</param>
/// <param name="ModelCalls">Model calls made (each retry sequence counts once).</param>
/// <param name="CacheHits">Answers served from the disk cache.</param>
/// <param name="Resumed">Answers and verdicts taken over from the results file.</param>
/// <param name="JudgeCalls">Judge calls made.</param>
/// <param name="JudgeCacheHits">Judge verdicts served from the disk cache.</param>
/// <param name="JudgeErrors">Judge calls that errored or answered unparseably.</param>
/// <param name="Retries">Retries of model and judge calls.</param>
internal sealed record ComparisonRunInfo(
    DateTimeOffset Started,
    TimeSpan Elapsed,
    int ModelCalls,
    int CacheHits,
    int Resumed,
    int JudgeCalls,
    int JudgeCacheHits,
    int JudgeErrors,
    int Retries);
