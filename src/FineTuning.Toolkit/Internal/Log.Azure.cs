using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit;

/// <summary>Log messages of Azure OpenAI deployments (event ids 6000-6099). Never a key or a token.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Deploying {Model} as {Deployment} (sku {Sku}) on Azure Resource Manager.")]
    public static partial void DeploymentRequested(ILogger logger, string model, string deployment, string sku);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Deployment {Deployment} of {Model} succeeded; chat with it as model '{Deployment}'.")]
    public static partial void DeploymentSucceeded(ILogger logger, string deployment, string model);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Azure deletes deployment {Deployment} after 15 days without use (and a fine-tuned deployment is billed per hour while it exists): delete it when done, or use it.")]
    public static partial void InactivityWarning(ILogger logger, string deployment);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "Deployment {Deployment} is developer tier: Azure deletes it at {ExpiresAt:u}, 24 hours after creation.")]
    public static partial void DeveloperTierExpires(ILogger logger, string deployment, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Deployment {Deployment} deleted: {Removed}.")]
    public static partial void DeploymentDeleted(ILogger logger, string deployment, bool removed);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "{Operation} failed transiently; retry {Attempt} in {Delay}.")]
    public static partial void DeploymentCallRetried(ILogger logger, string operation, int attempt, TimeSpan delay);
}
