using FineTuning.Toolkit.Providers;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// One provider's routes and bodies behind the runner's pipeline (upload → wait until processed → find or create the job
/// idempotently → read the job, its events, checkpoints and metrics → cancel → clean up). Every implementation sends its
/// calls through the same <see cref="OpenAIApiClient"/> (Polly pipeline, <see cref="TimeProvider"/>, the provider's own key).
/// </summary>
internal interface IFineTuneService
{
    /// <summary>Gets the endpoint, ending in a slash.</summary>
    Uri Endpoint { get; }

    /// <summary>Gets the provider.</summary>
    ProviderProfile Profile { get; }

    /// <summary>Uploads one source (a local file or a dataset), named after <paramref name="stem"/> (or reuses the same data uploaded before, where the provider can tell).</summary>
    Task<UploadedFile> UploadAsync(UploadSource source, string stem, CancellationToken cancellationToken);

    /// <summary>Waits until an uploaded file is processed; an error when it is not.</summary>
    Task<FineTuneError?> WaitForProcessedAsync(UploadedFile file, string param, CancellationToken cancellationToken);

    /// <summary>Finds the job an earlier run (or a create whose response was lost) made for this request on this data.</summary>
    Task<FineTuneJob?> FindAsync(FineTuneRequest request, UploadedFile training, UploadedFile? heldOut, CancellationToken cancellationToken);

    /// <summary>Creates the job; a retry after a lost response returns the job the first attempt created.</summary>
    Task<FineTuneJob> CreateAsync(FineTuneRequest request, UploadedFile training, UploadedFile? heldOut, CancellationToken cancellationToken);

    /// <summary>Reads a job.</summary>
    Task<FineTuneJob> GetAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Sends <c>cancel</c>, <c>pause</c> or <c>resume</c>.</summary>
    /// <exception cref="NotSupportedException">The provider cannot do that (for example pause at Together AI).</exception>
    Task<FineTuneJob> ControlAsync(string jobId, string action, CancellationToken cancellationToken);

    /// <summary>Lists jobs, newest first.</summary>
    IAsyncEnumerable<FineTuneJob> ListJobsAsync(IReadOnlyDictionary<string, string>? metadata, int pageSize, CancellationToken cancellationToken);

    /// <summary>Reads the events not seen yet by <paramref name="state"/>, oldest first, and records them there.</summary>
    Task<IReadOnlyList<FineTuneEvent>> GetNewEventsAsync(string jobId, WatchState state, int pageSize, CancellationToken cancellationToken);

    /// <summary>Reads a job's checkpoints, by step.</summary>
    Task<IReadOnlyList<FineTuneCheckpoint>> GetCheckpointsAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Reads a finished job's per-step metrics (the loss curve); empty when the service has none.</summary>
    Task<IReadOnlyList<FineTuneStepMetrics>> GetMetricsAsync(FineTuneJob job, CancellationToken cancellationToken);

    /// <summary>Deletes what a run left behind (files, and the model where the provider allows); returns the ids deleted.</summary>
    Task<IReadOnlyList<string>> CleanupAsync(FineTuneResult result, bool deleteModel, CancellationToken cancellationToken);

    /// <summary>Deletes this run's uploads a reused job does not use.</summary>
    Task DiscardUnusedUploadsAsync(FineTuneJob job, UploadedFile?[] uploads, CancellationToken cancellationToken);
}
