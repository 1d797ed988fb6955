using System.ClientModel;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FineTuning.Toolkit.Internal;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Providers.Together;

/// <summary>
/// Together AI's fine-tuning routes behind the runner's pipeline: files through <see cref="TogetherFiles"/>, jobs on
/// <c>/fine-tunes</c> (LoRA, <c>training_method</c> sft/dpo, absolute <c>learning_rate</c>, <c>n_checkpoints</c>), its
/// statuses mapped through <see cref="KnownCapabilities.Together"/>, its events, checkpoints and metrics, cancel. Jobs carry
/// no metadata: idempotency is "a job on the same training file, model and suffix (not failed or cancelled) is that job".
/// </summary>
internal sealed class TogetherFineTuneService(OpenAIApiClient api, FineTuneJobRunnerOptions options, TimeProvider timeProvider, ILogger logger) : IFineTuneService
{
    private static readonly string[] DeadStatuses = ["error", "user_error", "cancelled", "cancel_requested"];

    private readonly OpenAIApiClient _api = api;
    private readonly TogetherFiles _files = new(api, options, timeProvider, logger);
    private readonly TimeProvider _timeProvider = timeProvider;
    private readonly ILogger _logger = logger;

    public Uri Endpoint => _api.Endpoint;

    public ProviderProfile Profile => _api.Profile;

    public Task<UploadedFile> UploadAsync(UploadSource source, string stem, CancellationToken cancellationToken) => _files.UploadAsync(source, stem, "fine-tune", cancellationToken);

    public Task<FineTuneError?> WaitForProcessedAsync(UploadedFile file, string param, CancellationToken cancellationToken) =>
        _files.WaitForProcessedAsync(file, param, cancellationToken);

    public async Task<FineTuneJob?> FindAsync(FineTuneRequest request, UploadedFile training, UploadedFile? heldOut, CancellationToken cancellationToken)
    {
        var job = await FindSameJobAsync(request, training, heldOut, useResilience: true, cancellationToken).ConfigureAwait(false);
        if (job is not null)
        {
            Log.JobReused(_logger, job.Id, $"training_file={training.Id}, model={request.Model}, suffix={request.Suffix}");
        }

        return job;
    }

    public async Task<FineTuneJob> CreateAsync(FineTuneRequest request, UploadedFile training, UploadedFile? heldOut, CancellationToken cancellationToken)
    {
        var body = BinaryData.FromObjectAsJson(Body(request, training.Id, heldOut?.Id), TogetherJsonContext.Default.TogetherCreateJobPayload);
        var call = new ApiCall("create job", "POST", "fine-tunes")
        {
            Content = () => BinaryContent.Create(body),
            ContentType = "application/json",
            FindExisting = async token => await FindSameJobAsync(request, training, heldOut, useResilience: false, token).ConfigureAwait(false) is { } found
                ? BinaryData.FromString(found.RawJson)
                : null,
        };
        using var created = await _api.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
        var job = TogetherJobJson.ParseJob(created.RootElement, _timeProvider.GetUtcNow());
        Telemetry.JobsCreated.Add(1);
        Log.JobCreated(_logger, job.Id, job.Model);
        return job;
    }

    /// <summary>The create body: LoRA when the request sets a rank, <c>n_evals</c> once per epoch when there is held-out data.</summary>
    public static TogetherCreateJobPayload Body(FineTuneRequest request, string trainingFileId, string? validationFileId) => new(
        request.Model,
        trainingFileId,
        validationFileId,
        request.Epochs,
        request.CheckpointCount,
        validationFileId is null ? null : request.Epochs ?? 1,
        request.BatchSize,
        request.LearningRate,
        request.Seed,
        request.Suffix,
        request.Method == FineTuneMethod.Dpo
            ? new TogetherTrainingMethodPayload("dpo", null, request.Beta)
            : new TogetherTrainingMethodPayload("sft", false, null), // chat data: train on the assistant turns only (what "auto" means for it)
        request.LoraRank is { } rank ? new TogetherTrainingTypePayload("Lora", rank, request.LoraAlpha ?? rank * 2, request.LoraDropout) : null);

    public async Task<FineTuneJob> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        using var document = await _api.SendJsonAsync(new ApiCall("retrieve job", "GET", $"fine-tunes/{Uri.EscapeDataString(jobId)}"), cancellationToken).ConfigureAwait(false);
        return TogetherJobJson.ParseJob(document.RootElement, _timeProvider.GetUtcNow());
    }

    public async Task<FineTuneJob> ControlAsync(string jobId, string action, CancellationToken cancellationToken)
    {
        if (action != "cancel")
        {
            throw new NotSupportedException($"{KnownCapabilities.Together.DisplayName} cannot {action} a fine-tuning job: it has no pause or resume, only cancel.");
        }

        using var document = await _api.SendJsonAsync(new ApiCall("cancel job", "POST", $"fine-tunes/{Uri.EscapeDataString(jobId)}/cancel"), cancellationToken).ConfigureAwait(false);
        return TogetherJobJson.ParseJob(document.RootElement, _timeProvider.GetUtcNow());
    }

    public async IAsyncEnumerable<FineTuneJob> ListJobsAsync(IReadOnlyDictionary<string, string>? metadata, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Together lists every job at once (no paging, no metadata): jobs carry none, so a metadata filter matches nothing.
        foreach (var job in await ListAsync(useResilience: true, cancellationToken).ConfigureAwait(false))
        {
            if (metadata is null || metadata.Count == 0)
            {
                yield return job;
            }
        }
    }

    public async Task<IReadOnlyList<FineTuneEvent>> GetNewEventsAsync(string jobId, WatchState state, int pageSize, CancellationToken cancellationToken)
    {
        using var document = await _api.SendJsonAsync(new ApiCall("list job events", "GET", $"fine-tunes/{Uri.EscapeDataString(jobId)}/events"), cancellationToken).ConfigureAwait(false);
        var events = JsonReading.Array(document.RootElement, "data").Select(TogetherJobJson.ParseEvent).OrderBy(e => e.CreatedAt).ToList();
        return state.Accept(events);
    }

    public async Task<IReadOnlyList<FineTuneCheckpoint>> GetCheckpointsAsync(string jobId, CancellationToken cancellationToken)
    {
        using var document = await _api.SendJsonAsync(new ApiCall("list checkpoints", "GET", $"fine-tunes/{Uri.EscapeDataString(jobId)}/checkpoints"), cancellationToken).ConfigureAwait(false);
        return JsonReading.Array(document.RootElement, "data").Select(TogetherJobJson.ParseCheckpoint).OrderBy(c => c.StepNumber).ToArray();
    }

    /// <summary>Reads the loss curve from <c>GET /fine-tunes/{id}/metrics</c>; empty when the service has none for the job.</summary>
    public async Task<IReadOnlyList<FineTuneStepMetrics>> GetMetricsAsync(FineTuneJob job, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await _api.SendJsonAsync(new ApiCall("read metrics", "GET", $"fine-tunes/{Uri.EscapeDataString(job.Id)}/metrics"), cancellationToken).ConfigureAwait(false);
            return JsonReading.Array(document.RootElement, "metrics").Select(TogetherJobJson.ParseMetrics).OfType<FineTuneStepMetrics>().OrderBy(m => m.Step).ToArray();
        }
        catch (FineTuneApiException ex) when (ex.StatusCode is 404 or 405)
        {
            Log.ResultFileUnreadable(_logger, "metrics", job.Id, ex.Message);
            return [];
        }
    }

    /// <summary>Deletes the run's files and, with <paramref name="deleteModel"/>, its job (<c>DELETE /fine-tunes/{id}</c>, which removes the trained model).</summary>
    public async Task<IReadOnlyList<string>> CleanupAsync(FineTuneResult result, bool deleteModel, CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        foreach (var fileId in new[] { result.TrainingFileId, result.HeldOutFileId }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await _files.DeleteAsync(fileId, cancellationToken).ConfigureAwait(false))
            {
                deleted.Add(fileId);
            }
        }

        if (deleteModel && result.JobId is { } jobId
            && await DeleteAsync(_api, _logger, "fine-tune job", $"fine-tunes/{Uri.EscapeDataString(jobId)}", jobId, cancellationToken).ConfigureAwait(false))
        {
            deleted.Add(result.FineTunedModel ?? jobId);
        }

        return deleted;
    }

    public async Task DiscardUnusedUploadsAsync(FineTuneJob job, UploadedFile?[] uploads, CancellationToken cancellationToken)
    {
        foreach (var upload in uploads)
        {
            if (upload is { Reused: false } && upload.Id != job.TrainingFileId && upload.Id != job.HeldOutFileId)
            {
                await _files.DeleteAsync(upload.Id, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends a delete; <see langword="false"/> when there was nothing to delete (404) or the service does not offer it (405).</summary>
    internal static async Task<bool> DeleteAsync(OpenAIApiClient api, ILogger logger, string kind, string path, string id, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await api.SendJsonAsync(new ApiCall("delete " + kind, "DELETE", path), cancellationToken).ConfigureAwait(false);
            var deleted = !document.RootElement.TryGetProperty("deleted", out var flag) || flag.ValueKind == JsonValueKind.True;
            if (deleted)
            {
                Log.Deleted(logger, kind, id);
            }

            return deleted;
        }
        catch (FineTuneApiException ex) when (ex.StatusCode is 404 or 405)
        {
            return false;
        }
    }

    private async Task<FineTuneJob?> FindSameJobAsync(FineTuneRequest request, UploadedFile training, UploadedFile? heldOut, bool useResilience, CancellationToken cancellationToken)
    {
        var jobs = await ListAsync(useResilience, cancellationToken).ConfigureAwait(false);
        return jobs.Where(j => j.TrainingFileId == training.Id && j.Model == request.Model && j.Suffix == request.Suffix && j.HeldOutFileId == heldOut?.Id
                && (request.Epochs is null || j.Epochs == request.Epochs) && !DeadStatuses.Contains(RawStatus(j)))
            .OrderByDescending(j => j.CreatedAt)
            .FirstOrDefault();
    }

    private async Task<IReadOnlyList<FineTuneJob>> ListAsync(bool useResilience, CancellationToken cancellationToken)
    {
        var call = new ApiCall("list jobs", "GET", "fine-tunes");
        var body = useResilience ? await _api.SendAsync(call, cancellationToken).ConfigureAwait(false) : await _api.SendOnceAsync(call, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        var now = _timeProvider.GetUtcNow();
        return JsonReading.Array(document.RootElement, "data").Select(e => TogetherJobJson.ParseJob(e, now)).OrderByDescending(j => j.CreatedAt).ToArray();
    }

    private static string RawStatus(FineTuneJob job)
    {
        using var document = JsonDocument.Parse(job.RawJson);
        return JsonReading.String(document.RootElement, "status") ?? string.Empty;
    }
}
