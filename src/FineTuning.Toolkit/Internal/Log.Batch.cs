using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit;

/// <summary>Log messages of batch comparisons (event ids 4500-4599).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4500, Level = LogLevel.Information, Message = "Batch execution: {Requests} requests of {Models} models in {Batches} request files")]
    public static partial void BatchRoundStarted(ILogger logger, int requests, int models, int batches);

    [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "Created batch {BatchId} for request file {Chunk} ({Requests} requests)")]
    public static partial void BatchCreated(ILogger logger, string batchId, string chunk, int requests);

    [LoggerMessage(EventId = 4502, Level = LogLevel.Information, Message = "Re-attached to batch {BatchId} of request file {Chunk} (status {Status})")]
    public static partial void BatchAttached(ILogger logger, string batchId, string chunk, string status);

    [LoggerMessage(EventId = 4503, Level = LogLevel.Debug, Message = "Batch {BatchId}: {Status}, {Completed} completed and {Failed} failed of {Total}; next poll in {Delay}")]
    public static partial void BatchPolled(ILogger logger, string batchId, string status, int completed, int failed, int total, TimeSpan delay);

    [LoggerMessage(EventId = 4504, Level = LogLevel.Information, Message = "Batch {BatchId} ended {Status}: {Answers} answers and {Errors} failed requests read")]
    public static partial void BatchFinished(ILogger logger, string batchId, string status, int answers, int errors);

    [LoggerMessage(EventId = 4505, Level = LogLevel.Warning, Message = "Cancelling batch {BatchId} because the comparison was abandoned")]
    public static partial void BatchCancelling(ILogger logger, string batchId);

    [LoggerMessage(EventId = 4506, Level = LogLevel.Warning, Message = "Batch {BatchId} was created with a warning from the service: {Warning}")]
    public static partial void BatchCreatedWithWarning(ILogger logger, string batchId, string warning);
}
