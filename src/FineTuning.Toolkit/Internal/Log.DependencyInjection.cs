using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit;

/// <summary>Log messages of the dependency injection area (event ids 5000-5999). Never a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "FineTuning.Toolkit registration '{Name}' configured: {Options}")]
    public static partial void ToolkitConfigured(ILogger logger, string name, string options);
}
