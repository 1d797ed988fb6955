using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit;

/// <summary>Log messages of the validation area (event ids 2000-2999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Validating {Source} for {Model} ({Method})")]
    public static partial void ValidationStarted(ILogger logger, string source, string model, string method);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Validated {Source}: {ExampleCount} examples, {ErrorCount} errors, {WarningCount} warnings, {TotalTokens} tokens in {ElapsedMilliseconds} ms")]
    public static partial void ValidationCompleted(ILogger logger, string source, int exampleCount, int errorCount, int warningCount, long totalTokens, long elapsedMilliseconds);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "The validation progress handler threw; validation continues and further handler failures are not logged")]
    public static partial void ValidationProgressHandlerFailed(ILogger logger, Exception exception);
}
