using System.ClientModel.Primitives;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FineTuning.Toolkit.Providers;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Jobs;

/// <summary>Connection, polling, resilience, upload and pricing settings of a <see cref="FineTuneJobRunner"/>.</summary>
/// <remarks>
/// <see cref="ToString"/> never prints the API key. In a host these are <see cref="FineTuningToolkitOptions.Runner"/>,
/// bound from configuration and validated on start.
/// </remarks>
public sealed class FineTuneJobRunnerOptions
{
    /// <summary>The 64 MB part size of OpenAI's Uploads API.</summary>
    public const int DefaultUploadPartSize = 64 * 1024 * 1024;

    /// <summary>
    /// Gets or sets where the runner trains: <c>openai</c>, <c>azure</c> (Azure OpenAI's v1 data plane: <c>api-key</c>
    /// header, <see cref="TrainingType"/>, an endpoint ending in <c>/openai/v1/</c>), <c>together</c> (Together AI's fine-tunes API) or <c>openai-compatible</c> (any other
    /// OpenAI-shaped fine-tuning endpoint). Each reads only its own key (see <see cref="ApiKey"/>).
    /// </summary>
    /// <value>Defaults to <c>openai</c>.</value>
    [Required]
    [AllowedValues("openai", "azure", "together", "openai-compatible")]
    public string Provider { get; set; } = "openai";

    /// <summary>
    /// Gets or sets the API key. Never logged, never printed, and only ever sent to this runner's <see cref="Endpoint"/>.
    /// When not set, the provider's own environment variable is read — <c>OPENAI_API_KEY</c> for <c>openai</c>,
    /// <c>AZURE_OPENAI_API_KEY</c> for <c>azure</c>, <c>TOGETHER_API_KEY</c> for <c>together</c>, none for <c>openai-compatible</c> — never another provider's.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets Azure OpenAI's <c>trainingType</c> (<c>standard</c>, <c>globalStandard</c> or <c>developerTier</c>); sent only to Azure.</summary>
    /// <value>Defaults to <see langword="null"/>: the service's default.</value>
    [AllowedValues(null, "standard", "globalStandard", "developerTier")]
    public string? TrainingType { get; set; }

    /// <summary>Gets or sets the Azure OpenAI settings: the management plane for deployments, the Entra ID credential, the deployment SKU. Read only when <see cref="Provider"/> is <c>azure</c>.</summary>
    /// <value>Defaults to a new <see cref="AzureOpenAIOptions"/>; never <see langword="null"/>.</value>
    [Required]
    [ValidateObjectMembers]
    public AzureOpenAIOptions Azure { get; set; } = new();

    /// <summary>
    /// Gets or sets the base address of an OpenAI-compatible API, ending in <c>/v1</c>: OpenAI, Azure OpenAI's v1 endpoint
    /// (<c>https://{resource}.openai.azure.com/openai/v1/</c>) or the local emulator.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: <c>https://api.openai.com/v1</c>.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the organization id sent as <c>OpenAI-Organization</c>.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? Organization { get; set; }

    /// <summary>Gets or sets the project id sent as <c>OpenAI-Project</c>.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? Project { get; set; }

    /// <summary>Gets or sets the default base model, exposed as <see cref="FineTuneJobRunner.DefaultModel"/> for <c>FineTuneRequest.For(runner.DefaultModel)</c>.</summary>
    /// <value>Defaults to <c>gpt-4o-mini-2024-07-18</c>, the lab's model.</value>
    [Required]
    public string DefaultModel { get; set; } = "gpt-4o-mini-2024-07-18";

    /// <summary>Gets or sets the polling cadence.</summary>
    /// <value>Defaults to a new <see cref="FineTunePollingOptions"/>.</value>
    [Required]
    [ValidateObjectMembers]
    public FineTunePollingOptions Polling { get; set; } = new();

    /// <summary>Gets or sets the resilience pipeline settings.</summary>
    /// <value>Defaults to a new <see cref="FineTuneResilienceOptions"/>.</value>
    [Required]
    [ValidateObjectMembers]
    public FineTuneResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// Gets or sets a value indicating whether abandoning a wait (cancelling the token passed to
    /// <see cref="FineTuneJobRunner.RunAsync"/>) also cancels the remote job. When <see langword="false"/> the job keeps
    /// running and can be re-attached with <see cref="FineTuneJobRunner.WaitForCompletionAsync"/>.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool CancelRemoteJobOnAbandon { get; set; }

    /// <summary>Gets or sets the size above which a file is sent through the Uploads API in parallel parts.</summary>
    /// <value>Defaults to 64 MB.</value>
    [Range(1L, 8L * 1024 * 1024 * 1024)]
    public long MultipartUploadThreshold { get; set; } = DefaultUploadPartSize;

    /// <summary>Gets or sets the part size of the Uploads API.</summary>
    /// <value>Defaults to 64 MB, the service's maximum.</value>
    [Range(1, DefaultUploadPartSize)]
    public int UploadPartSize { get; set; } = DefaultUploadPartSize;

    /// <summary>Gets or sets how many parts are sent at the same time.</summary>
    /// <value>Defaults to 3.</value>
    [Range(1, 16)]
    public int MaxParallelUploadParts { get; set; } = 3;

    /// <summary>
    /// Gets or sets training prices in US dollars per million trained tokens, by model name prefix, overriding the
    /// built-in table used for <see cref="FineTuneResult.EstimatedCostUsd"/>.
    /// </summary>
    /// <value>Defaults to an empty dictionary.</value>
    public IDictionary<string, decimal> TrainingPricesPerMillionTokens { get; set; } = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets or sets the HTTP transport of the OpenAI SDK pipeline (for example an
    /// <see cref="HttpClientPipelineTransport"/> over an <see cref="HttpClient"/> from <c>IHttpClientFactory</c>).
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: the SDK's shared transport.</value>
    public PipelineTransport? Transport { get; set; }

    /// <summary>Returns the settings, with the API key shown only as set or not set.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Provider={Provider}, Endpoint={Endpoint?.ToString() ?? "(default)"}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(not set)" : "***")}, Organization={Organization ?? "(none)"}, Project={Project ?? "(none)"}, DefaultModel={DefaultModel}");
}
