using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit;

/// <summary>Log messages of the jobs area (event ids 3000-3999). Never a secret; payloads only at Trace.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Fine-tuning run for {Model} started (method {Method}, suffix {Suffix}).")]
    public static partial void RunStarted(ILogger logger, string model, string method, string? suffix);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Local validation found {ErrorCount} error(s); nothing was uploaded.")]
    public static partial void ValidationRefused(ILogger logger, int errorCount);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Local validation found {ErrorCount} error(s); uploading anyway because the request ignores validation errors.")]
    public static partial void ValidationIgnored(ILogger logger, int errorCount);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Reusing uploaded file {FileId} ({FileName}) with the same SHA-256.")]
    public static partial void FileReused(ILogger logger, string fileId, string fileName);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Uploaded {FileName} ({Bytes} bytes) as {FileId}.")]
    public static partial void FileUploaded(ILogger logger, string fileName, long bytes, string fileId);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Uploading {FileName} ({Bytes} bytes) through the Uploads API in {PartCount} part(s).")]
    public static partial void MultipartUploadStarted(ILogger logger, string fileName, long bytes, int partCount);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Created fine-tuning job {JobId} for {Model}.")]
    public static partial void JobCreated(ILogger logger, string jobId, string model);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Found job {JobId} created earlier for the same request (idempotency key {IdempotencyKey}); not creating another.")]
    public static partial void JobReused(ILogger logger, string jobId, string idempotencyKey);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Job {JobId} is {Status}.")]
    public static partial void JobStatusChanged(ILogger logger, string jobId, string status);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Debug, Message = "Job {JobId} event: {EventMessage}")]
    public static partial void JobEvent(ILogger logger, string jobId, string eventMessage);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Debug, Message = "Next poll of job {JobId} in {Delay} ({Status}).")]
    public static partial void NextPoll(ILogger logger, string jobId, TimeSpan delay, string status);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Job {JobId} succeeded: {FineTunedModel} ({TrainedTokens} trained tokens).")]
    public static partial void JobSucceeded(ILogger logger, string jobId, string? fineTunedModel, long? trainedTokens);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Job {JobId} ended {Status}: {ErrorCode} {ErrorMessage}")]
    public static partial void JobFailed(ILogger logger, string jobId, string status, string? errorCode, string? errorMessage);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "{Operation} failed ({Reason}); retry {Attempt} in {Delay}.")]
    public static partial void Retrying(ILogger logger, string operation, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Warning, Message = "Circuit opened for {BreakDuration} after repeated failures.")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Error, Message = "{Operation} failed: HTTP {Status} {ErrorCode}.")]
    public static partial void ApiFailed(ILogger logger, string operation, int status, string? errorCode);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Warning, Message = "Waiting for job {JobId} was abandoned; cancelling the remote job.")]
    public static partial void CancellingAbandonedJob(ILogger logger, string jobId);

    [LoggerMessage(EventId = 3017, Level = LogLevel.Information, Message = "Waiting for job {JobId} was abandoned; the job keeps running and can be re-attached by id.")]
    public static partial void AbandonedJobKeepsRunning(ILogger logger, string jobId);

    [LoggerMessage(EventId = 3018, Level = LogLevel.Information, Message = "Deleted {Kind} {Id}.")]
    public static partial void Deleted(ILogger logger, string kind, string id);

    [LoggerMessage(EventId = 3019, Level = LogLevel.Trace, Message = "{Method} {Path} -> {Status}: {Body}")]
    public static partial void ApiExchange(ILogger logger, string method, string path, int status, string body);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "The result file {FileId} of job {JobId} could not be read: {Reason}")]
    public static partial void ResultFileUnreadable(ILogger logger, string fileId, string jobId, string reason);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Debug, Message = "Waiting for file {FileId} to be processed (status {Status}).")]
    public static partial void WaitingForFile(ILogger logger, string fileId, string status);
}
