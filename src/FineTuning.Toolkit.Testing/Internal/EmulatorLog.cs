using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>The emulator's log messages (event ids 6000-6999, the range of the Testing package).
/// Request and training contents are never logged; the API key never.</summary>
internal static partial class EmulatorLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "OpenAI emulator listening on {Endpoint} (speed factor {SpeedFactor}, seed {Seed})")]
    public static partial void Started(ILogger logger, Uri endpoint, double speedFactor, int seed);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Fine-tuning job {JobId} created for model {Model}")]
    public static partial void JobCreated(ILogger logger, string jobId, string model);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Debug, Message = "Fine-tuning job {JobId} is now {Status}")]
    public static partial void JobStatusChanged(ILogger logger, string jobId, string status);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Injected fault {Fault} into {Method} {Route}")]
    public static partial void FaultInjected(ILogger logger, EmulatorFaultKind fault, string method, string route);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Rejected {Method} {Path}: {Reason} API key")]
    public static partial void Unauthorized(ILogger logger, string method, string path, string reason);
}
