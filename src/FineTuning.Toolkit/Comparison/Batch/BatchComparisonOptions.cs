using System.ComponentModel.DataAnnotations;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>
/// Options of a comparison's batch execution (<see cref="ComparisonExecutionMode.Batch"/>): the service, the journal that
/// lets a restarted process re-attach to its batches, the provider's limits and what happens to failed requests.
/// </summary>
public sealed class BatchComparisonOptions
{
    /// <summary>
    /// Gets or sets the service the batches go to (<see cref="FineTuneJobRunnerOptions.Provider"/>: OpenAI, Azure OpenAI or
    /// Together AI): endpoint, API key, transport, resilience, and the polling cadence
    /// (<see cref="FineTuneJobRunnerOptions.Polling"/>) used to watch them, the same as for fine-tuning jobs.
    /// </summary>
    /// <value>Defaults to OpenAI with the key from <c>OPENAI_API_KEY</c>.</value>
#pragma warning disable SYSLIB1212 // The connection's own options are the runner's; they are checked where the runner's options are.
    public FineTuneJobRunnerOptions Connection { get; set; } = new();
#pragma warning restore SYSLIB1212

    /// <summary>
    /// Gets or sets a JSONL journal of the batches this comparison submitted. A process that restarts with the same
    /// journal (and the same suite and options) re-attaches to those batches instead of submitting them again; a batch
    /// whose create response was lost is found again by its metadata (OpenAI, Azure OpenAI) or by its uploaded input
    /// file (Together AI, whose batches carry no metadata).
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: a restarted process submits its batches again.</value>
    public string? JournalPath { get; set; }

    /// <summary>Gets or sets the directory where request files are written before upload.</summary>
    /// <value>Defaults to <see langword="null"/>: the system's temporary directory.</value>
    public string? WorkingDirectory { get; set; }

    /// <summary>Gets or sets the largest number of requests in one batch; larger suites are split. The provider's documented
    /// limit (<see cref="Providers.ProviderCapabilities.MaxBatchRequests"/>) applies when it is lower.</summary>
    /// <value>Defaults to 50,000, OpenAI's and Together's limit.</value>
    [Range(1, 50_000)]
    public int MaxRequestsPerBatch { get; set; } = 50_000;

    /// <summary>Gets or sets the largest request file of one batch, in bytes; larger suites are split. The provider's
    /// documented limit (<see cref="Providers.ProviderCapabilities.MaxBatchFileBytes"/>) applies when it is lower.</summary>
    /// <value>Defaults to 200 MB, OpenAI's limit (Together takes at most 100 MB, which then applies).</value>
    [Range(1024, 200L * 1024 * 1024)]
    public long MaxBytesPerBatch { get; set; } = 200L * 1024 * 1024;

    /// <summary>Gets or sets how many batches are submitted and watched at once.</summary>
    /// <value>Defaults to 4.</value>
    [Range(1, 64)]
    public int MaxBatchesInFlight { get; set; } = 4;

    /// <summary>
    /// Gets or sets how requests that a batch returns as failed or expired are asked again:
    /// <see cref="ComparisonExecutionMode.Live"/> through the model's chat client, <see cref="ComparisonExecutionMode.Batch"/>
    /// in one follow-up batch (what fails there too is reported as errors), or <see langword="null"/> not at all.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: they are errors of their cases, and the error budget decides what that means for the gates.</value>
    public ComparisonExecutionMode? RetryFailedRequests { get; set; }

    /// <summary>Gets or sets whether cancelling the comparison also cancels its batches on the service.</summary>
    /// <value>Defaults to <see langword="false"/>: the batches keep running, and a later run with the same journal re-attaches to them.</value>
    public bool CancelBatchesOnAbandon { get; set; }
}
