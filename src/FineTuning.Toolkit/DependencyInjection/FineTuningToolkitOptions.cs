using System.Globalization;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Jobs;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Settings of the toolkit in a host, usually bound from a configuration section such as <c>"FineTuning"</c>.
/// Validated when the host starts; <see cref="ToString"/> never prints the API key.
/// </summary>
public sealed class FineTuningToolkitOptions
{
    /// <summary>Gets or sets the API key (keep it in user secrets or the environment, not in appsettings.json).</summary>
    /// <value>Defaults to <see langword="null"/>: the <c>OPENAI_API_KEY</c> environment variable is used.</value>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Gets or sets the base address of an OpenAI-compatible API ending in <c>/v1</c>: OpenAI, Azure OpenAI's v1 endpoint
    /// (<c>https://{resource}.openai.azure.com/openai/v1/</c>) or the local emulator.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: <c>https://api.openai.com/v1</c>.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the organization id.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? Organization { get; set; }

    /// <summary>Gets or sets the project id.</summary>
    /// <value>Defaults to <see langword="null"/>.</value>
    public string? Project { get; set; }

    /// <summary>Gets or sets the default base model, exposed as <see cref="FineTuneJobRunner.DefaultModel"/> for <c>FineTuneRequest.For(runner.DefaultModel)</c>.</summary>
    /// <value>Defaults to <c>gpt-4o-mini-2024-07-18</c>.</value>
    public string DefaultModel { get; set; } = "gpt-4o-mini-2024-07-18";

    /// <summary>Gets or sets the polling cadence of jobs.</summary>
    /// <value>Defaults to a new <see cref="FineTunePollingOptions"/>.</value>
    public FineTunePollingOptions Polling { get; set; } = new();

    /// <summary>Gets or sets the resilience pipeline settings.</summary>
    /// <value>Defaults to a new <see cref="FineTuneResilienceOptions"/>.</value>
    public FineTuneResilienceOptions Resilience { get; set; } = new();

    /// <summary>Gets or sets a value indicating whether abandoning a wait also cancels the remote job.</summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool CancelRemoteJobOnAbandon { get; set; }

    /// <summary>Gets or sets the size above which files go through the Uploads API in parallel parts.</summary>
    /// <value>Defaults to 64 MB.</value>
    public long MultipartUploadThreshold { get; set; } = FineTuneJobRunnerOptions.DefaultUploadPartSize;

    /// <summary>Gets or sets training price overrides in US dollars per million tokens, by model-name prefix.</summary>
    /// <value>Defaults to an empty dictionary (the built-in, dated price table applies).</value>
    public IDictionary<string, decimal> TrainingPricesPerMillionTokens { get; set; } = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the settings of the registered <see cref="ModelComparer"/>.</summary>
    /// <value>Defaults to a new <see cref="ModelComparerOptions"/>.</value>
    public ModelComparerOptions Comparer { get; set; } = new();

    /// <summary>Returns the settings, with the API key shown only as set or not set.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Endpoint={Endpoint?.ToString() ?? "https://api.openai.com/v1"}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(not set)" : "***")}, Organization={Organization ?? "(none)"}, Project={Project ?? "(none)"}, DefaultModel={DefaultModel}");

    internal FineTuneJobRunnerOptions ToRunnerOptions() => new()
    {
        ApiKey = ApiKey,
        Endpoint = Endpoint,
        Organization = Organization,
        Project = Project,
        DefaultModel = DefaultModel,
        Polling = Polling,
        Resilience = Resilience,
        CancelRemoteJobOnAbandon = CancelRemoteJobOnAbandon,
        MultipartUploadThreshold = MultipartUploadThreshold,
        TrainingPricesPerMillionTokens = new Dictionary<string, decimal>(TrainingPricesPerMillionTokens, StringComparer.OrdinalIgnoreCase),
    };
}
