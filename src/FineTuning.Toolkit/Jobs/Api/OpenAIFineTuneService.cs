using FineTuning.Toolkit.Providers;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// The OpenAI-shaped routes (OpenAI, Azure OpenAI's v1 data plane, any OpenAI-compatible endpoint): <c>/files</c>,
/// <c>/uploads</c>, <c>/fine_tuning/jobs</c> with metadata tags for idempotency, result files for the metrics.
/// </summary>
internal sealed class OpenAIFineTuneService : IFineTuneService
{
    private readonly OpenAIApiClient _api;
    private readonly FileUploader _uploader;
    private readonly string? _trainingType;
    private readonly ILogger _logger;

    public OpenAIFineTuneService(OpenAIApiClient api, FineTuneJobRunnerOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _api = api;
        _logger = logger;
        _uploader = new FileUploader(api, options, timeProvider, logger);
        Jobs = new JobApi(api, logger);
        _trainingType = api.Profile.SendsTrainingType ? options.TrainingType : null;
    }

    public Uri Endpoint => _api.Endpoint;

    public ProviderProfile Profile => _api.Profile;

    /// <summary>Gets the job routes.</summary>
    public JobApi Jobs { get; }

    public Task<UploadedFile> UploadAsync(UploadSource source, string stem, CancellationToken cancellationToken) => _uploader.UploadAsync(source, stem, cancellationToken);

    public Task<FineTuneError?> WaitForProcessedAsync(UploadedFile file, string param, CancellationToken cancellationToken) =>
        _uploader.WaitForProcessedAsync(file, param, cancellationToken);

    public Task<FineTuneJob?> FindAsync(FineTuneRequest request, UploadedFile training, UploadedFile? heldOut, CancellationToken cancellationToken) =>
        Jobs.FindAsync(JobApi.KeyFor(request, training, heldOut), cancellationToken);

    public Task<FineTuneJob> CreateAsync(FineTuneRequest request, UploadedFile training, UploadedFile? heldOut, CancellationToken cancellationToken) =>
        Jobs.CreateAsync(request, training, heldOut, JobApi.KeyFor(request, training, heldOut), _trainingType, cancellationToken);

    public Task<FineTuneJob> GetAsync(string jobId, CancellationToken cancellationToken) => Jobs.GetAsync(jobId, cancellationToken);

    public Task<FineTuneJob> ControlAsync(string jobId, string action, CancellationToken cancellationToken) => Jobs.ControlAsync(jobId, action, cancellationToken);

    public IAsyncEnumerable<FineTuneJob> ListJobsAsync(IReadOnlyDictionary<string, string>? metadata, int pageSize, CancellationToken cancellationToken) =>
        Jobs.ListJobsAsync(metadata, pageSize, cancellationToken);

    public Task<IReadOnlyList<FineTuneEvent>> GetNewEventsAsync(string jobId, WatchState state, int pageSize, CancellationToken cancellationToken) =>
        Jobs.GetNewEventsAsync(jobId, state, pageSize, cancellationToken);

    public Task<IReadOnlyList<FineTuneCheckpoint>> GetCheckpointsAsync(string jobId, CancellationToken cancellationToken) => Jobs.GetCheckpointsAsync(jobId, cancellationToken);

    /// <summary>Reads the per-step metrics from the job's first result file (CSV).</summary>
    public async Task<IReadOnlyList<FineTuneStepMetrics>> GetMetricsAsync(FineTuneJob job, CancellationToken cancellationToken)
    {
        foreach (var resultFile in job.ResultFileIds.Take(1))
        {
            try
            {
                var content = await _api.SendAsync(new ApiCall("download result file", "GET", $"files/{Uri.EscapeDataString(resultFile)}/content"), cancellationToken).ConfigureAwait(false);
                return ResultFileParser.Parse(content);
            }
            catch (Exception ex) when (ex is FineTuneApiException or FormatException)
            {
                Log.ResultFileUnreadable(_logger, resultFile, job.Id, ex.Message);
            }
        }

        return [];
    }

    public Task<IReadOnlyList<string>> CleanupAsync(FineTuneResult result, bool deleteModel, CancellationToken cancellationToken)
    {
        var files = new[] { result.TrainingFileId, result.HeldOutFileId }.Concat(result.Job?.ResultFileIds ?? []).OfType<string>();
        return Jobs.DeleteAllAsync(files, deleteModel ? result.FineTunedModel : null, cancellationToken);
    }

    public Task DiscardUnusedUploadsAsync(FineTuneJob job, UploadedFile?[] uploads, CancellationToken cancellationToken) =>
        Jobs.DiscardUnusedUploadsAsync(job, uploads, cancellationToken);
}
