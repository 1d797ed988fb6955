using FineTuning.Toolkit.Internal;
using FineTuning.Toolkit.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Runs fine-tuning jobs on any OpenAI-compatible endpoint (OpenAI, Azure OpenAI's v1 endpoint, the local emulator):
/// validate → upload (deduplicated by SHA-256, the Uploads API in parallel parts for large files) → wait until the files
/// are processed → create the job (tagged so a lost response never leads to a second job) → watch → a
/// <see cref="FineTuneResult"/>. Every API call goes through one Polly pipeline; every wait through the
/// <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>Thread-safe: one runner can run several jobs at once. The API key never appears in logs, exceptions or results.</remarks>
public sealed partial class FineTuneJobRunner
{
    private readonly FineTuneJobRunnerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly OpenAIApiClient _api;
    private readonly DatasetValidator _validator;

    /// <summary>Initializes a new instance of the <see cref="FineTuneJobRunner"/> class.</summary>
    /// <param name="options">Connection, polling and resilience settings; <see langword="null"/> for the defaults (key from <c>OPENAI_API_KEY</c>).</param>
    /// <param name="timeProvider">The clock for every wait; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">The logger factory; <see langword="null"/> for no logging.</param>
    /// <param name="validator">The validator that checks training data before upload; <see langword="null"/> for a new one.</param>
    /// <exception cref="InvalidOperationException">No API key is set and <c>OPENAI_API_KEY</c> is empty.</exception>
    public FineTuneJobRunner(FineTuneJobRunnerOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, DatasetValidator? validator = null)
        : this(options, validator, timeProvider, loggerFactory, randomizer: null)
    {
    }

    internal FineTuneJobRunner(FineTuneJobRunnerOptions? options, DatasetValidator? validator, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, Func<double>? randomizer)
    {
        _options = options ?? new FineTuneJobRunnerOptions();
        _validator = validator ?? new DatasetValidator(loggerFactory?.CreateLogger<DatasetValidator>(), timeProvider);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<FineTuneJobRunner>();
        _api = new OpenAIApiClient(_options, _timeProvider, _logger, randomizer);
    }

    /// <summary>Gets the endpoint the runner talks to.</summary>
    public Uri Endpoint => _api.Endpoint;

    /// <summary>Gets the configured default base model, for <c>FineTuneRequest.For(runner.DefaultModel)</c>.</summary>
    public string DefaultModel => _options.DefaultModel;

    /// <summary>
    /// Runs a fine-tuning job end to end and returns its result. A job that fails is a result with
    /// <see cref="FineTuneResult.Error"/>; so is training data that local validation refuses (nothing is uploaded then).
    /// </summary>
    /// <param name="request">What to train.</param>
    /// <param name="progress">Receives stage, status, step, loss and ETA reports; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Abandons the run. Whether the remote job is cancelled too is decided by
    /// <see cref="FineTuneJobRunnerOptions.CancelRemoteJobOnAbandon"/>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="FineTuneApiException">The service refused a call (for example <c>daily_rate_limit_exceeded</c>) or retries were exhausted.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<FineTuneResult> RunAsync(FineTuneRequest request, IProgress<FineTuneProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TrainingDataset is null && request.TrainingFilePath is null && request.TrainingFileId is null)
        {
            throw new ArgumentException("The request has no training data: call WithTrainingData, WithTrainingFile or WithTrainingFileId.", nameof(request));
        }

        using var activity = Telemetry.ActivitySource.StartActivity("fine_tuning run");
        activity?.SetTag("fine_tuning.model", request.Model);
        var runStarted = _timeProvider.GetTimestamp();
        Log.RunStarted(_logger, request.Model, request.Method.ToString(), request.Suffix);

        Report(progress, FineTuneStage.Validating, "Validating the training data.");
        var stageStarted = _timeProvider.GetTimestamp();
        var validation = await ValidateAsync(request, cancellationToken).ConfigureAwait(false);
        var validationTime = _timeProvider.GetElapsedTime(stageStarted);
        if (validation.Refused is { } refusal)
        {
            return refusal with { Timings = new FineTuneTimings { Validation = validationTime, Total = _timeProvider.GetElapsedTime(runStarted) } };
        }

        if (validation.Report is { } validated)
        {
            Report(progress, FineTuneStage.Validating, validated.ToString());
        }

        Report(progress, FineTuneStage.Uploading, "Uploading the training data.");
        stageStarted = _timeProvider.GetTimestamp();
        var training = await ResolveFileAsync(request.TrainingDataset, request.TrainingFilePath, request.TrainingFileId, "training", cancellationToken).ConfigureAwait(false);
        var validationFile = request.ValidationDataset is null && request.ValidationFilePath is null && request.ValidationFileId is null
            ? null
            : await ResolveFileAsync(request.ValidationDataset, request.ValidationFilePath, request.ValidationFileId, "validation", cancellationToken).ConfigureAwait(false);
        var uploadTime = _timeProvider.GetElapsedTime(stageStarted);

        Report(progress, FineTuneStage.ProcessingFiles, "Waiting until the uploaded files are processed.");
        stageStarted = _timeProvider.GetTimestamp();
        var fileError = await WaitForFileProcessedAsync(training, "training_file", cancellationToken).ConfigureAwait(false);
        if (fileError is null && validationFile is not null)
        {
            fileError = await WaitForFileProcessedAsync(validationFile, "validation_file", cancellationToken).ConfigureAwait(false);
        }

        var processingTime = _timeProvider.GetElapsedTime(stageStarted);
        if (fileError is not null)
        {
            return new FineTuneResult
            {
                Status = FineTuneJobStatus.Failed,
                Model = request.Model,
                Error = fileError,
                TrainingFileId = training.Id,
                ValidationFileId = validationFile?.Id,
                ReusedTrainingFile = training.Reused,
                ValidationReport = validation.Report,
                Timings = new FineTuneTimings { Validation = validationTime, Upload = uploadTime, FileProcessing = processingTime, Total = _timeProvider.GetElapsedTime(runStarted) },
            };
        }

        Report(progress, FineTuneStage.CreatingJob, "Creating the fine-tuning job.");
        var (job, reusedJob) = await CreateOrFindJobAsync(request, training.Id, validationFile?.Id, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("fine_tuning.job_id", job.Id);

        var watched = await WatchToEndAsync(job.Id, progress, cancellationToken).ConfigureAwait(false);
        var result = await BuildResultAsync(watched.Job, watched.Events, cancellationToken).ConfigureAwait(false);
        return result with
        {
            ReusedTrainingFile = training.Reused,
            ReusedJob = reusedJob,
            ValidationReport = validation.Report,
            Timings = new FineTuneTimings
            {
                Validation = validationTime,
                Upload = uploadTime,
                FileProcessing = processingTime,
                Job = result.Timings.Job,
                Total = _timeProvider.GetElapsedTime(runStarted),
            },
        };
    }

    /// <summary>
    /// Re-attaches to an existing job (for example after a process restart), watches it to the end and returns its result.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="progress">Receives progress reports; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Abandons the wait (the remote job is cancelled only when
    /// <see cref="FineTuneJobRunnerOptions.CancelRemoteJobOnAbandon"/> is set).</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is <see langword="null"/>.</exception>
    public async Task<FineTuneResult> WaitForCompletionAsync(string jobId, IProgress<FineTuneProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var started = _timeProvider.GetTimestamp();
        var watched = await WatchToEndAsync(jobId, progress, cancellationToken).ConfigureAwait(false);
        var result = await BuildResultAsync(watched.Job, watched.Events, cancellationToken).ConfigureAwait(false);
        return result with { Timings = new FineTuneTimings { Job = result.Timings.Job, Total = _timeProvider.GetElapsedTime(started) } };
    }

    private static void Report(IProgress<FineTuneProgress>? progress, FineTuneStage stage, string message) =>
        progress?.Report(new FineTuneProgress { Stage = stage, Message = message });

    private async Task<(FineTuneJob Job, IReadOnlyList<FineTuneEvent> Events)> WatchToEndAsync(string jobId, IProgress<FineTuneProgress>? progress, CancellationToken cancellationToken)
    {
        var events = new List<FineTuneEvent>();
        FineTuneJob? last = null;
        try
        {
            await foreach (var update in WatchAsync(jobId, cancellationToken).ConfigureAwait(false))
            {
                last = update.Job;
                events.AddRange(update.NewEvents);
                progress?.Report(update.Progress);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await AbandonAsync(jobId).ConfigureAwait(false);
            throw;
        }

        return (last ?? throw new InvalidOperationException($"Watching job {jobId} ended without reading it."), events);
    }

    private async Task AbandonAsync(string jobId)
    {
        if (!_options.CancelRemoteJobOnAbandon)
        {
            Log.AbandonedJobKeepsRunning(_logger, jobId);
            return;
        }

        Log.CancellingAbandonedJob(_logger, jobId);
        using var timeout = new CancellationTokenSource(_options.Resilience.AttemptTimeout * 2, _timeProvider);
        try
        {
            await CancelAsync(jobId, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FineTuneApiException or OperationCanceledException)
        {
            // The caller is already leaving with an OperationCanceledException; the failure to cancel is logged.
            Log.ApiFailed(_logger, "cancel abandoned job", (ex as FineTuneApiException)?.StatusCode ?? 0, (ex as FineTuneApiException)?.ErrorCode);
        }
    }

    private async Task<FineTuneResult> BuildResultAsync(FineTuneJob job, IReadOnlyList<FineTuneEvent> events, CancellationToken cancellationToken)
    {
        IReadOnlyList<FineTuneCheckpoint> checkpoints = [];
        IReadOnlyList<FineTuneStepMetrics> metrics = [];
        if (job.Status == FineTuneJobStatus.Succeeded)
        {
            checkpoints = await GetCheckpointsAsync(job.Id, cancellationToken).ConfigureAwait(false);
            foreach (var resultFile in job.ResultFileIds.Take(1))
            {
                try
                {
                    var content = await _api.SendAsync(new ApiCall("download result file", "GET", $"files/{Uri.EscapeDataString(resultFile)}/content"), cancellationToken).ConfigureAwait(false);
                    metrics = ResultFileParser.Parse(content);
                }
                catch (Exception ex) when (ex is FineTuneApiException or FormatException)
                {
                    Log.ResultFileUnreadable(_logger, resultFile, job.Id, ex.Message);
                }
            }
        }

        var error = job.Error;
        if (error is null && job.Status == FineTuneJobStatus.Failed)
        {
            var lastError = events.LastOrDefault(e => string.Equals(e.Level, "error", StringComparison.OrdinalIgnoreCase));
            error = new FineTuneError("unknown_error", lastError?.Message ?? "The job failed and the service gave no reason.");
        }

        Telemetry.JobsCompleted.Add(1, new KeyValuePair<string, object?>("status", job.Status.Value));
        if (job.FinishedAt is { } finished && job.CreatedAt != default)
        {
            Telemetry.JobDuration.Record((finished - job.CreatedAt).TotalSeconds);
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
            ValidationFileId = job.ValidationFileId,
            TrainedTokens = job.TrainedTokens,
            EstimatedCostUsd = TrainingPrices.Estimate(job.Model, job.TrainedTokens, _options.TrainingPricesPerMillionTokens),
            Checkpoints = checkpoints,
            Metrics = metrics,
            Events = events,
            Job = job,
            Timings = new FineTuneTimings
            {
                Job = job.FinishedAt is { } end && job.CreatedAt != default && end >= job.CreatedAt ? end - job.CreatedAt : TimeSpan.Zero,
            },
        };
    }
}
