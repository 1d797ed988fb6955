using FineTuning.Toolkit.Internal;
using FineTuning.Toolkit.Providers;
using FineTuning.Toolkit.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// Runs fine-tuning jobs on an OpenAI-compatible endpoint: checks the validation report → uploads in one streaming pass
/// (hashing on the way) → waits until the files are processed → creates the job (tagged, so a lost response or a second
/// run attaches to the existing job) → watches → a <see cref="FineTuneResult"/>. Every API call goes through one Polly
/// pipeline; every wait through the <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>Thread-safe: one runner can run several jobs at once. The API key never appears in logs, exceptions or results.</remarks>
public sealed partial class FineTuneJobRunner
{
    private readonly FineTuneJobRunnerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly DatasetValidator? _validator;
    private readonly IFineTuneService _service;
    private readonly UploadResolution _uploads;
    private readonly JobWatcher _watcher;
    private readonly ResultBuilder _results;
    private readonly ProviderProfile _provider;
    private readonly ModelServing _serving;

    /// <summary>Initializes a new instance of the <see cref="FineTuneJobRunner"/> class.</summary>
    /// <param name="options">Connection, polling and resilience settings; <see langword="null"/> for the defaults (key from <c>OPENAI_API_KEY</c>).</param>
    /// <param name="timeProvider">The clock for every wait; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="loggerFactory">The logger factory; <see langword="null"/> for no logging.</param>
    /// <param name="validator">Validates the local training data of a request that carries no <see cref="FineTuneRequest.ValidationReport"/>
    /// (once, before upload); <see langword="null"/> to upload such requests unchecked.</param>
    /// <exception cref="InvalidOperationException">No API key is set and the provider's variable (<c>OPENAI_API_KEY</c>, ...) is empty; on Azure, no key and no <see cref="AzureOpenAIOptions.Credential"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options break their data annotations (for example <c>UploadPartSize = 0</c>).</exception>
    public FineTuneJobRunner(FineTuneJobRunnerOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, DatasetValidator? validator = null)
        : this(options, validator, timeProvider, loggerFactory, randomizer: null)
    {
    }

    internal FineTuneJobRunner(FineTuneJobRunnerOptions? options, DatasetValidator? validator, TimeProvider? timeProvider, ILoggerFactory? loggerFactory, Func<double>? randomizer, Func<string, Stream>? openFile = null)
    {
        _options = options ?? new FineTuneJobRunnerOptions();
        OptionsCheck.ThrowIfInvalid(new FineTuneJobRunnerOptionsValidator(), _options);
        _validator = validator;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<FineTuneJobRunner>();
        var api = new OpenAIApiClient(_options, _timeProvider, _logger, randomizer);
        Endpoint = api.Endpoint;
        _provider = api.Profile;
        _service = _provider == ProviderProfile.Together
            ? new Providers.Together.TogetherFineTuneService(api, _options, _timeProvider, _logger)
            : new OpenAIFineTuneService(api, _options, _timeProvider, _logger);
        _uploads = new UploadResolution(_service, openFile);
        _watcher = new JobWatcher(_service, _options.Polling, _timeProvider, _logger);
        _results = new ResultBuilder(_service, _options, _logger);
        _serving = new ModelServing(api, _options, _timeProvider, _logger);
    }

    /// <summary>Gets the endpoint the runner talks to.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets what the configured provider supports: methods, hyperparameters, a deployment step, data limits and statuses.</summary>
    public ProviderCapabilities Capabilities => KnownCapabilities.For(_provider);

    internal JobApi Jobs => ((OpenAIFineTuneService)_service).Jobs;

    /// <summary>Gets the configured default base model, for <c>FineTuneRequest.For(runner.DefaultModel)</c>.</summary>
    public string DefaultModel => _options.DefaultModel;

    /// <summary>
    /// Runs a fine-tuning job end to end. A job that fails is a result with <see cref="FineTuneResult.Error"/>; so is a
    /// validation report with errors (nothing is uploaded then).
    /// </summary>
    /// <param name="request">What to train.</param>
    /// <param name="progress">Receives stage, status, step, loss and ETA reports; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Abandons the run; the remote job is cancelled too only with <see cref="FineTuneJobRunnerOptions.CancelRemoteJobOnAbandon"/>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The request has no training data, or sets a hyperparameter the provider does not accept (see <see cref="Capabilities"/>).</exception>
    /// <exception cref="FineTuneApiException">The service refused a call (for example <c>daily_rate_limit_exceeded</c>) or retries were exhausted.</exception>
    public async Task<FineTuneResult> RunAsync(FineTuneRequest request, IProgress<FineTuneProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TrainingDataset is null && request.TrainingFilePath is null && request.TrainingFileId is null)
        {
            throw new ArgumentException("The request has no training data: call WithTrainingData, WithTrainingFile or WithTrainingFileId.", nameof(request));
        }

        using var activity = Telemetry.ActivitySource.StartActivity("fine_tuning run");
        activity?.SetTag("fine_tuning.model", request.Model);
        var started = _timeProvider.GetTimestamp();
        ProviderRequestCheck.ThrowIfUnsupported(request, Capabilities);
        Log.RunStarted(_logger, request.Model, request.Method.ToString(), request.Suffix);
        var lifecycle = ModelLifecycleCatalog.Default.CheckTraining(_provider.Name, request.Model, _timeProvider.GetUtcNow());
        if (lifecycle.IsPastCutOff)
        {
            // Refused before anything is uploaded: the message names the date and the providers that still train.
            return new FineTuneResult { Status = FineTuneJobStatus.Failed, Model = request.Model, Error = new FineTuneError("training_closed", lifecycle.Message!) };
        }

        Report(progress, FineTuneStage.Validating, request.ValidationReport is null ? "Checking the training data." : "Using the caller's validation report.");
        var (report, refusal) = await ValidationGate.CheckAsync(request, _validator, _options, _logger, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal with { Duration = _timeProvider.GetElapsedTime(started) };
        }

        Report(progress, FineTuneStage.Uploading, "Uploading the training data.");
        var training = (await _uploads.ResolveAsync(request.TrainingDataset, request.TrainingFilePath, request.TrainingFileId, "training", cancellationToken).ConfigureAwait(false))!;
        var heldOut = await _uploads.ResolveAsync(request.HeldOutDataset, request.HeldOutFilePath, request.HeldOutFileId, "held-out", cancellationToken).ConfigureAwait(false);
        var job = await _service.FindAsync(request, training, heldOut, cancellationToken).ConfigureAwait(false);
        var reusedJob = job is not null;
        if (job is not null)
        {
            await _service.DiscardUnusedUploadsAsync(job, [training, heldOut], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Report(progress, FineTuneStage.ProcessingFiles, "Waiting until the uploaded files are processed.");
            var fileError = await _service.WaitForProcessedAsync(training, "training_file", cancellationToken).ConfigureAwait(false)
                ?? (heldOut is null ? null : await _service.WaitForProcessedAsync(heldOut, "validation_file", cancellationToken).ConfigureAwait(false));
            if (fileError is not null)
            {
                return ResultBuilder.FileRejected(request, fileError, training, heldOut) with { ValidationReport = report, Duration = _timeProvider.GetElapsedTime(started) };
            }

            Report(progress, FineTuneStage.CreatingJob, "Creating the fine-tuning job.");
            job = await _service.CreateAsync(request, training, heldOut, cancellationToken).ConfigureAwait(false);
        }

        activity?.SetTag("fine_tuning.job_id", job.Id);
        var result = await WatchToResultAsync(job.Id, progress, cancellationToken).ConfigureAwait(false);
        return result with
        {
            ReusedTrainingFile = training.Reused || job.TrainingFileId != training.Id,
            ReusedJob = reusedJob,
            ValidationReport = report,
            Duration = _timeProvider.GetElapsedTime(started),
        };
    }

    /// <summary>Re-attaches to an existing job (for example after a restart), watches it to the end and returns its result.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="progress">Receives progress reports; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Abandons the wait (see <see cref="FineTuneJobRunnerOptions.CancelRemoteJobOnAbandon"/>).</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is <see langword="null"/>.</exception>
    public async Task<FineTuneResult> WaitForCompletionAsync(string jobId, IProgress<FineTuneProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var started = _timeProvider.GetTimestamp();
        var result = await WatchToResultAsync(jobId, progress, cancellationToken).ConfigureAwait(false);
        return result with { Duration = _timeProvider.GetElapsedTime(started) };
    }

    /// <summary>
    /// Watches a job until it ends: a report when the status, the events or the estimate change (each event once, oldest
    /// first) and a last one when the job has ended. Polls quickly while the job waits, slower while it runs, and close to
    /// <c>estimated_finish</c> (see <see cref="FineTunePollingOptions"/>).
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Stops watching (the job itself is not touched).</param>
    /// <returns>The reports, each with <see cref="FineTuneProgress.Job"/> and <see cref="FineTuneProgress.NewEvents"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is <see langword="null"/>.</exception>
    public IAsyncEnumerable<FineTuneProgress> WatchAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return _watcher.WatchAsync(jobId, cancellationToken);
    }

    /// <summary>Uploads a local JSONL file for fine-tuning in one streaming pass and returns its file id.</summary>
    /// <param name="path">The local file.</param>
    /// <param name="cancellationToken">A token to cancel the upload.</param>
    /// <returns>The file id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public async Task<string> UploadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        return (await _uploads.UploadFileAsync(path, cancellationToken).ConfigureAwait(false)).Id;
    }

    /// <summary>Reads a job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The job, read from the raw JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is <see langword="null"/>.</exception>
    public Task<FineTuneJob> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return _service.GetAsync(jobId, cancellationToken);
    }

    /// <summary>Cancels a job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The job after the request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is <see langword="null"/>.</exception>
    public Task<FineTuneJob> CancelAsync(string jobId, CancellationToken cancellationToken = default) => Control(jobId, "cancel", cancellationToken);

    /// <summary>Pauses a running job (it goes through <c>pausing</c> to <c>paused</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The job after the request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">The provider cannot pause jobs (see <see cref="ProviderCapabilities.SupportsPause"/>).</exception>
    public Task<FineTuneJob> PauseAsync(string jobId, CancellationToken cancellationToken = default) => Control(jobId, "pause", cancellationToken);

    /// <summary>Resumes a paused job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The job after the request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">The provider cannot pause or resume jobs (see <see cref="ProviderCapabilities.SupportsPause"/>).</exception>
    public Task<FineTuneJob> ResumeAsync(string jobId, CancellationToken cancellationToken = default) => Control(jobId, "resume", cancellationToken);

    /// <summary>Lists jobs, newest first, page by page.</summary>
    /// <param name="metadata">Only jobs with these metadata pairs; <see langword="null"/> for all.</param>
    /// <param name="pageSize">Jobs per request (1 to 100).</param>
    /// <param name="cancellationToken">A token to cancel the listing.</param>
    /// <returns>The jobs.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is outside 1 to 100.</exception>
    public IAsyncEnumerable<FineTuneJob> ListJobsAsync(IReadOnlyDictionary<string, string>? metadata = null, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 100);
        return _service.ListJobsAsync(metadata, pageSize, cancellationToken);
    }

    /// <summary>Cleans up after a run: deletes its training, held-out and result files and, optionally, its fine-tuned model.</summary>
    /// <param name="result">The run's result.</param>
    /// <param name="deleteModel"><see langword="true"/> to delete the fine-tuned model too.</param>
    /// <param name="cancellationToken">A token to cancel the calls.</param>
    /// <returns>The ids of what was deleted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    public Task<IReadOnlyList<string>> CleanupAsync(FineTuneResult result, bool deleteModel = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        return _service.CleanupAsync(result, deleteModel, cancellationToken);
    }

    private Task<FineTuneJob> Control(string jobId, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return _service.ControlAsync(jobId, action, cancellationToken);
    }

    private static void Report(IProgress<FineTuneProgress>? progress, FineTuneStage stage, string message) =>
        progress?.Report(new FineTuneProgress { Stage = stage, Message = message });

    private async Task<FineTuneResult> WatchToResultAsync(string jobId, IProgress<FineTuneProgress>? progress, CancellationToken cancellationToken)
    {
        var events = new List<FineTuneEvent>();
        FineTuneJob? last = null;
        try
        {
            await foreach (var update in _watcher.WatchAsync(jobId, cancellationToken).ConfigureAwait(false))
            {
                last = update.Job;
                events.AddRange(update.NewEvents);
                progress?.Report(update);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await JobAbandonment.AbandonAsync(_service, _logger, jobId, _options.CancelRemoteJobOnAbandon, _options.Resilience.AttemptTimeout * 2, _timeProvider).ConfigureAwait(false);
            throw;
        }

        var job = last ?? throw new InvalidOperationException($"Watching job {jobId} ended without reading it.");
        return await _results.BuildAsync(job, events, cancellationToken).ConfigureAwait(false);
    }
}
