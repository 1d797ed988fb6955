using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit;

/// <summary>Log messages of the comparison area (event ids 4000-4999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Comparing {ModelCount} models on suite '{Suite}': {CaseCount} cases x {Repeats} repeats, concurrency {Concurrency}")]
    public static partial void ComparisonStarted(ILogger logger, int modelCount, string suite, int caseCount, int repeats, int concurrency);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Retrying a comparison call (attempt {Attempt}) in {Delay} after {Failure}")]
    public static partial void ComparisonRetry(ILogger logger, int attempt, TimeSpan delay, string failure);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Model '{Model}' failed on case '{CaseId}' after all retries; its scores are errors")]
    public static partial void ModelCallFailed(ILogger logger, Exception exception, string model, string caseId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Resuming from {Path}: {Count} finished items will not be called again")]
    public static partial void ComparisonResuming(ILogger logger, string path, int count);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Comparison finished in {Elapsed}: {ModelCalls} model calls, {CacheHits} cache hits, {Resumed} resumed, {JudgeCalls} judge calls, {JudgeErrors} judge errors")]
    public static partial void ComparisonFinished(ILogger logger, TimeSpan elapsed, int modelCalls, int cacheHits, int resumed, int judgeCalls, int judgeErrors);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Trace, Message = "Model '{Model}' answered case '{CaseId}' (repeat {Repeat}): {Text}")]
    public static partial void ModelAnswered(ILogger logger, string model, string caseId, int repeat, string text);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Scorer '{Criterion}' threw on case '{CaseId}' for model '{Model}'; scored as an error")]
    public static partial void ScorerFailed(ILogger logger, Exception exception, string criterion, string caseId, string model);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Errors exceed the budget: {Errors} of {Total} scores and verdicts ({Budget:P0} allowed)")]
    public static partial void ErrorBudgetExceeded(ILogger logger, int errors, int total, double budget);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Model '{Model}' has no model id (set ModelUnderTest.ModelId or use a client with ChatClientMetadata): its answers are neither cached nor resumed")]
    public static partial void ModelNotIdentified(ILogger logger, string model);
}
