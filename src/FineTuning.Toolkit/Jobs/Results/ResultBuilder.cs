using FineTuning.Toolkit.Internal;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Turns a finished job into a <see cref="FineTuneResult"/>: checkpoints, per-step metrics from the result file, the
/// error (from the job, else from its last error event), the estimated cost, telemetry and a log line.
/// </summary>
internal sealed class ResultBuilder
{
    private readonly IFineTuneService _service;
    private readonly FineTuneJobRunnerOptions _options;
    private readonly ILogger _logger;

    public ResultBuilder(IFineTuneService service, FineTuneJobRunnerOptions options, ILogger logger)
    {
        _service = service;
        _options = options;
        _logger = logger;
    }

    /// <summary>The result of a run whose uploaded file the service could not process (no job was created).</summary>
    public static FineTuneResult FileRejected(FineTuneRequest request, FineTuneError error, UploadedFile training, UploadedFile? heldOut) => new()
    {
        Status = FineTuneJobStatus.Failed,
        Model = request.Model,
        Error = error,
        TrainingFileId = training.Id,
        HeldOutFileId = heldOut?.Id,
        ReusedTrainingFile = training.Reused,
    };

    public async Task<FineTuneResult> BuildAsync(FineTuneJob job, IReadOnlyList<FineTuneEvent> events, CancellationToken cancellationToken)
    {
        IReadOnlyList<FineTuneCheckpoint> checkpoints = [];
        IReadOnlyList<FineTuneStepMetrics> metrics = [];
        if (job.Status == FineTuneJobStatus.Succeeded)
        {
            checkpoints = await _service.GetCheckpointsAsync(job.Id, cancellationToken).ConfigureAwait(false);
            metrics = await _service.GetMetricsAsync(job, cancellationToken).ConfigureAwait(false);
        }

        var error = job.Error;
        if (error is null && job.Status == FineTuneJobStatus.Failed)
        {
            var lastError = events.LastOrDefault(e => string.Equals(e.Level, "error", StringComparison.OrdinalIgnoreCase));
            error = new FineTuneError("unknown_error", lastError?.Message ?? "The job failed and the service gave no reason.");
        }

        Telemetry.JobsCompleted.Add(1, new KeyValuePair<string, object?>("status", job.Status.Value));
        var jobDuration = job.FinishedAt is { } end && job.CreatedAt != default && end >= job.CreatedAt ? end - job.CreatedAt : TimeSpan.Zero;
        if (jobDuration > TimeSpan.Zero)
        {
            Telemetry.JobDuration.Record(jobDuration.TotalSeconds);
        }

        if (job.Status == FineTuneJobStatus.Succeeded)
        {
            Log.JobSucceeded(_logger, job.Id, job.FineTunedModel, job.TrainedTokens);
        }
        else
        {
            Log.JobFailed(_logger, job.Id, job.Status.Value, error?.Code, error?.Message);
        }

        return new FineTuneResult
        {
            JobId = job.Id,
            Status = job.Status,
            Model = job.Model,
            FineTunedModel = job.FineTunedModel,
            Error = job.Status == FineTuneJobStatus.Succeeded ? null : error,
            TrainingFileId = job.TrainingFileId,
            HeldOutFileId = job.HeldOutFileId,
            TrainedTokens = job.TrainedTokens,
            EstimatedCostUsd = TrainingPrices.Estimate(job.Model, job.TrainedTokens, _options.TrainingPricesPerMillionTokens),
            Checkpoints = checkpoints,
            Metrics = metrics,
            Events = events,
            Job = job,
            JobDuration = jobDuration,
        };
    }
}
