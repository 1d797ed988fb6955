using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Azure.Core;
using Azure.Core.Pipeline;

namespace FineTuning.Toolkit.Providers;

/// <summary>
/// Azure OpenAI settings beyond the data plane's endpoint and key: the management plane (Azure Resource Manager) where a
/// fine-tuned model is deployed, the Entra ID credential, and the deployment's SKU and capacity. Read when
/// <see cref="Jobs.FineTuneJobRunnerOptions.Provider"/> is <c>azure</c>; exposed as <see cref="Jobs.FineTuneJobRunnerOptions.Azure"/>.
/// </summary>
/// <remarks>The credential is never logged or printed; <see cref="ToString"/> shows only whether one is set.</remarks>
public sealed class AzureOpenAIOptions
{
    /// <summary>Gets or sets the Azure Resource Manager endpoint; change it for a sovereign cloud
    /// (for example <c>https://management.usgovcloudapi.net/</c> or <c>https://management.chinacloudapi.cn/</c>) or a local stand-in.</summary>
    /// <value>Defaults to <c>https://management.azure.com/</c>.</value>
    [Required]
    public Uri ManagementEndpoint { get; set; } = new("https://management.azure.com/");

    /// <summary>Gets or sets the id of the subscription that holds the Azure OpenAI account.</summary>
    /// <value>Defaults to <see langword="null"/>; required to deploy.</value>
    public string? SubscriptionId { get; set; }

    /// <summary>Gets or sets the resource group that holds the Azure OpenAI account.</summary>
    /// <value>Defaults to <see langword="null"/>; required to deploy.</value>
    public string? ResourceGroup { get; set; }

    /// <summary>Gets or sets the Azure OpenAI (Cognitive Services) account name, the <c>{resource}</c> of <c>https://{resource}.openai.azure.com</c>.</summary>
    /// <value>Defaults to <see langword="null"/>; required to deploy.</value>
    public string? AccountName { get; set; }

    /// <summary>
    /// Gets or sets the Entra ID credential. The management plane always uses it (scope <c>{ManagementEndpoint}/.default</c>);
    /// the data plane uses it (scope <c>https://cognitiveservices.azure.com/.default</c>) only when no API key is set.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: a <c>DefaultAzureCredential</c> is created the first time the management plane is called.</value>
    public TokenCredential? Credential { get; set; }

    /// <summary>Gets or sets the deployment SKU: <c>standard</c>, <c>globalstandard</c> or <c>developertier</c> (deleted after 24 hours).</summary>
    /// <value>Defaults to <c>standard</c>.</value>
    [Required]
    [AllowedValues("standard", "globalstandard", "developertier", "Standard", "GlobalStandard", "DeveloperTier")]
    public string DeploymentSku { get; set; } = "standard";

    /// <summary>Gets or sets the deployment's capacity, in thousands of tokens per minute.</summary>
    /// <value>Defaults to 1.</value>
    [Range(1, 100_000)]
    public int DeploymentCapacity { get; set; } = 1;

    /// <summary>Gets or sets how long <see cref="Jobs.FineTuneJobRunner.DeployAsync"/> waits for the deployment to succeed.</summary>
    /// <value>Defaults to 30 minutes.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Jobs.TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DeploymentTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets how often a deployment that is still being created is read.</summary>
    /// <value>Defaults to 10 seconds.</value>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Jobs.TimeSpanRange.Justification)]
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan DeploymentPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the HTTP transport of the management-plane pipeline (for example an <c>HttpClientTransport</c>
    /// over an <see cref="HttpClient"/> from <c>IHttpClientFactory</c>, or one that trusts a local emulator's certificate).</summary>
    /// <value>Defaults to <see langword="null"/>: Azure.Core's shared transport.</value>
    public HttpPipelineTransport? ManagementTransport { get; set; }

    /// <summary>Returns the settings, with the credential shown only as set or not set.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() =>
        $"ManagementEndpoint={ManagementEndpoint}, SubscriptionId={SubscriptionId ?? "(none)"}, ResourceGroup={ResourceGroup ?? "(none)"}, AccountName={AccountName ?? "(none)"}, Credential={(Credential is null ? "(default)" : Credential.GetType().Name)}, DeploymentSku={DeploymentSku}, DeploymentCapacity={DeploymentCapacity}";
}
