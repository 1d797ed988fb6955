using FineTuning.Toolkit.Providers;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Testing;

/// <summary>Options for <see cref="OpenAIEmulator.StartAsync(OpenAIEmulatorOptions?, CancellationToken)"/>.</summary>
public sealed class OpenAIEmulatorOptions
{
    private string? _apiKey;
    private IList<string>? _baseModels;
    private IList<string>? _fineTunableModels;

    /// <summary>Gets or sets the loopback port to listen on; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets which provider's API the emulator speaks.</summary>
    /// <value>Defaults to <see cref="EmulatorDialect.OpenAI"/>. Set it first: the defaults of <see cref="ApiKey"/>,
    /// <see cref="BaseModels"/>, <see cref="FineTunableModels"/> and <see cref="UseHttps"/> depend on it.</value>
    public EmulatorDialect Dialect { get; set; } = EmulatorDialect.OpenAI;

    /// <summary>Gets or sets the API key clients must send: <c>Authorization: Bearer ...</c> (OpenAI, Together), or
    /// <c>api-key: ...</c> or <c>Authorization: Bearer ...</c> (Azure).</summary>
    /// <value>Defaults to <c>sk-emulator-local-test-key</c> (OpenAI), <c>azure-emulator-local-test-key</c> (Azure) or
    /// <c>together-emulator-local-test-key</c> (Together). Requests without it, or with another key, get the provider's 401.</value>
    public string ApiKey
    {
        get => _apiKey ?? Dialect switch
        {
            EmulatorDialect.Azure => "azure-emulator-local-test-key",
            EmulatorDialect.Together => "together-emulator-local-test-key",
            _ => "sk-emulator-local-test-key",
        };
        set => _apiKey = value;
    }

    /// <summary>Gets or sets whether the emulator serves HTTPS with a development certificate it creates at start-up
    /// (see <see cref="OpenAIEmulator.Certificate"/> and <see cref="OpenAIEmulator.CreateHttpMessageHandler"/>).</summary>
    /// <value>Defaults to <see langword="null"/>: HTTPS for <see cref="EmulatorDialect.Azure"/> (Azure.Core sends no bearer
    /// token over plain http), HTTP otherwise.</value>
    public bool? UseHttps { get; set; }

    /// <summary>Gets or sets the Entra ID access token the Azure dialect accepts as <c>Authorization: Bearer</c> on the
    /// management plane (and, besides the API key, on the data plane).</summary>
    /// <value>Defaults to <c>emulator-entra-access-token</c>.</value>
    public string AzureAccessToken { get; set; } = "emulator-entra-access-token";

    /// <summary>Gets or sets the subscription of the emulated Azure OpenAI account (management plane).</summary>
    /// <value>Defaults to <c>00000000-0000-0000-0000-000000000000</c>.</value>
    public string AzureSubscriptionId { get; set; } = "00000000-0000-0000-0000-000000000000";

    /// <summary>Gets or sets the resource group of the emulated Azure OpenAI account.</summary>
    /// <value>Defaults to <c>emulator-rg</c>.</value>
    public string AzureResourceGroup { get; set; } = "emulator-rg";

    /// <summary>Gets or sets the name of the emulated Azure OpenAI account (its <c>{resource}.openai.azure.com</c> name).</summary>
    /// <value>Defaults to <c>emulator-aoai</c>.</value>
    public string AzureAccountName { get; set; } = "emulator-aoai";

    /// <summary>Gets or sets the simulated time a new Azure deployment stays <c>Creating</c> before it is <c>Succeeded</c>.</summary>
    /// <value>Defaults to 2 minutes.</value>
    public TimeSpan DeploymentProvisioningDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the model catalog the emulator follows: <c>shutdown_date</c> in <c>GET /v1/models</c>, and
    /// job creation refused once the dialect's training cut-off for the model has come.</summary>
    /// <value>Defaults to <see cref="ModelLifecycleCatalog.Default"/>.</value>
    public ModelLifecycleCatalog Lifecycle { get; set; } = ModelLifecycleCatalog.Default;

    /// <summary>Gets or sets how many simulated seconds pass per real second.</summary>
    /// <value>Defaults to 1,200: a 20-minute simulated training run takes one real second. 0 freezes automatic
    /// progress so only <see cref="EmulatorClock.Advance(TimeSpan)"/> moves simulated time.</value>
    public double SpeedFactor { get; set; } = 1200;

    /// <summary>Gets or sets the seed for identifiers, loss curves, chat answers and rate-based faults.</summary>
    /// <value>Defaults to 42. The same seed and the same sequence of requests give the same responses.</value>
    public int Seed { get; set; } = 42;

    /// <summary>Gets or sets the organization name used in fine-tuned model names (<c>ft:{base}:{org}:{suffix}:{id}</c>).</summary>
    /// <value>Defaults to <c>emulator-org</c>.</value>
    public string Organization { get; set; } = "emulator-org";

    /// <summary>Gets or sets the organization identifier reported as <c>organization_id</c> and <c>owned_by</c>.</summary>
    /// <value>Defaults to <c>org-emulator</c>.</value>
    public string OrganizationId { get; set; } = "org-emulator";

    /// <summary>Gets or sets the simulated duration of the <c>running</c> phase of a fine-tuning job.</summary>
    /// <value>Defaults to 20 minutes.</value>
    public TimeSpan TrainingDuration { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Gets or sets the simulated time a job spends in <c>validating_files</c>.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan ValidationDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the simulated time a job spends in <c>queued</c>.</summary>
    /// <value>Defaults to 1 minute.</value>
    public TimeSpan QueueDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the simulated time an uploaded file stays <c>uploaded</c> before it is <c>processed</c>.
    /// A job created with a file that is not processed yet is rejected, as by the real service.</summary>
    /// <value>Defaults to 5 seconds.</value>
    public TimeSpan FileProcessingDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the simulated time a job stays <c>pausing</c> before it is <c>paused</c>.</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan PauseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets whether result files (<c>step_metrics.csv</c>) are served base64-encoded, as the real service
    /// serves them: the CSV text only appears after decoding the downloaded content.</summary>
    /// <value>Defaults to <see langword="true"/> (faithful); <see langword="false"/> serves the plain CSV.</value>
    public bool Base64ResultFiles { get; set; } = true;

    /// <summary>Gets or sets the real clock that drives the simulated clock and slow-response faults.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>; tests can pass a fake clock.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the simulated time at start-up.</summary>
    /// <value>Defaults to <see langword="null"/>: the current time of <see cref="TimeProvider"/>.</value>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Gets or sets the logger factory for the emulator and its web server.</summary>
    /// <value>Defaults to <see langword="null"/>: nothing is logged.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets the base models chat completions answer for, besides fine-tuned models (for Azure: the base
    /// models deployed beforehand, each under a deployment of its own name).</summary>
    /// <value>Defaults to the current and dated names of gpt-4o-mini, gpt-4o, gpt-4.1(-mini, -nano) and gpt-3.5-turbo
    /// (OpenAI, Azure), or Llama 3.1 8B/70B Instruct (Reference and Turbo) and gpt-oss-20b (Together).</value>
    public IList<string> BaseModels => _baseModels ??= Dialect == EmulatorDialect.Together
        ? new List<string>
        {
            "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo",
            "meta-llama/Meta-Llama-3.1-70B-Instruct-Reference", "meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo", "openai/gpt-oss-20b",
        }
        : new List<string>
        {
            "gpt-4o-mini", "gpt-4o-mini-2024-07-18", "gpt-4o", "gpt-4o-2024-08-06",
            "gpt-4.1", "gpt-4.1-2025-04-14", "gpt-4.1-mini", "gpt-4.1-mini-2025-04-14",
            "gpt-4.1-nano", "gpt-4.1-nano-2025-04-14", "gpt-3.5-turbo", "gpt-3.5-turbo-0125",
        };

    /// <summary>Gets the models fine-tuning jobs accept (an undated name resolves to its dated snapshot),
    /// besides fine-tuned models of this emulator.</summary>
    /// <value>Defaults to gpt-4o-mini-2024-07-18, gpt-4o-2024-08-06, gpt-4.1-2025-04-14, gpt-4.1-mini-2025-04-14,
    /// gpt-4.1-nano-2025-04-14 and gpt-3.5-turbo-0125 (OpenAI, Azure), or Llama 3.1 8B/70B Instruct Reference and
    /// gpt-oss-20b (Together).</value>
    public IList<string> FineTunableModels => _fineTunableModels ??= Dialect == EmulatorDialect.Together
        ? new List<string> { "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference", "meta-llama/Meta-Llama-3.1-70B-Instruct-Reference", "openai/gpt-oss-20b" }
        : new List<string>
        {
            "gpt-4o-mini-2024-07-18", "gpt-4o-2024-08-06", "gpt-4.1-2025-04-14",
            "gpt-4.1-mini-2025-04-14", "gpt-4.1-nano-2025-04-14", "gpt-3.5-turbo-0125",
        };

    /// <summary>Gets how the Batch API (<c>/v1/batches</c>) behaves: durations, completion window, limits, failing requests.</summary>
    public EmulatorBatchOptions Batches { get; } = new();
}
