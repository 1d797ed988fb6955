using Azure.Core;

namespace FineTuning.Toolkit.Providers.Azure;

/// <summary>Azure.Core client options of the management-plane pipeline (Azure.Core's own retry off: Polly retries).</summary>
internal sealed class ArmClientOptions : ClientOptions
{
    public ArmClientOptions(AzureOpenAIOptions options)
    {
        Retry.MaxRetries = 0;
        Diagnostics.ApplicationId = "FineTuning.Toolkit";
        if (options.ManagementTransport is not null)
        {
            Transport = options.ManagementTransport;
        }
    }
}
