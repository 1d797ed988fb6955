using System.ClientModel;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Internal;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// The fine-tuning job routes: create (idempotently: every job is tagged with a key derived from the request and its data,
/// so a lost response or a second run attaches to the existing job), read, list, checkpoints, and deletes.
/// </summary>
internal sealed class JobApi
{
    private readonly OpenAIApiClient _api;
    private readonly ILogger _logger;

    public JobApi(OpenAIApiClient api, ILogger logger)
    {
        _api = api;
        _logger = logger;
    }

    public Task<FineTuneJob> GetAsync(string jobId, CancellationToken cancellationToken) =>
        JobCallAsync(new ApiCall("retrieve job", "GET", $"fine_tuning/jobs/{Uri.EscapeDataString(jobId)}"), cancellationToken);

    /// <summary>Sends <c>cancel</c>, <c>pause</c> or <c>resume</c>.</summary>
    public Task<FineTuneJob> ControlAsync(string jobId, string action, CancellationToken cancellationToken) =>
        JobCallAsync(new ApiCall(action + " job", "POST", $"fine_tuning/jobs/{Uri.EscapeDataString(jobId)}/{action}"), cancellationToken);

    public async IAsyncEnumerable<FineTuneJob> ListJobsAsync(IReadOnlyDictionary<string, string>? metadata, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            using var document = await _api.SendJsonAsync(new ApiCall("list jobs", "GET", ListJobsPath(metadata, pageSize, after)), cancellationToken).ConfigureAwait(false);
            string? last = null;
            foreach (var element in JsonReading.Array(document.RootElement, "data"))
            {
                var job = JobJson.ParseJob(element);
                last = job.Id;
                if (metadata is null || metadata.All(p => job.Metadata.TryGetValue(p.Key, out var v) && v == p.Value))
                {
                    yield return job;
                }
            }

            if (!JsonReading.Bool(document.RootElement, "has_more") || last is null)
            {
                yield break;
            }

            after = last;
        }
    }

    public async Task<IReadOnlyList<FineTuneCheckpoint>> GetCheckpointsAsync(string jobId, CancellationToken cancellationToken)
    {
        using var document = await _api.SendJsonAsync(new ApiCall("list checkpoints", "GET", $"fine_tuning/jobs/{Uri.EscapeDataString(jobId)}/checkpoints?limit=100"), cancellationToken).ConfigureAwait(false);
        return JsonReading.Array(document.RootElement, "data").Select(JobJson.ParseCheckpoint).OrderBy(c => c.StepNumber).ToArray();
    }

    /// <summary>
    /// Reads the events that appeared since the last one seen. Events come newest first; pages are followed back with
    /// the <c>after</c> cursor only until the newest event already seen, so history is never paged through twice.
    /// </summary>
    public async Task<IReadOnlyList<FineTuneEvent>> GetNewEventsAsync(string jobId, WatchState state, int pageSize, CancellationToken cancellationToken)
    {
        var newestFirst = new List<FineTuneEvent>();
        string? after = null;
        for (var page = 0; page < 50; page++)
        {
            var path = $"fine_tuning/jobs/{Uri.EscapeDataString(jobId)}/events?limit={pageSize}" + (after is null ? string.Empty : "&after=" + Uri.EscapeDataString(after));
            using var document = await _api.SendJsonAsync(new ApiCall("list job events", "GET", path), cancellationToken).ConfigureAwait(false);
            var reachedSeen = false;
            string? last = null;
            foreach (var element in JsonReading.Array(document.RootElement, "data"))
            {
                var evt = JobJson.ParseEvent(element);
                last = evt.Id;
                if (state.IsSeen(evt.Id))
                {
                    reachedSeen = true;
                    break;
                }

                newestFirst.Add(evt);
            }

            // The first watch of a job only needs the latest page; later pages are followed until a known event.
            if (reachedSeen || state.NewestEventId is null || !JsonReading.Bool(document.RootElement, "has_more") || last is null)
            {
                break;
            }

            after = last;
        }

        newestFirst.Reverse();
        return state.Accept(newestFirst);
    }

    private static string Identity(UploadedFile file) => file.ContentHash is { } hash ? "sha256:" + hash : file.Id;

    public static string ListJobsPath(IReadOnlyDictionary<string, string>? metadata, int limit, string? after)
    {
        var path = new StringBuilder("fine_tuning/jobs?limit=").Append(limit);
        if (after is not null)
        {
            path.Append("&after=").Append(Uri.EscapeDataString(after));
        }

        foreach (var pair in metadata ?? new Dictionary<string, string>())
        {
            path.Append("&metadata%5B").Append(Uri.EscapeDataString(pair.Key)).Append("%5D=").Append(Uri.EscapeDataString(pair.Value));
        }

        return path.ToString();
    }

    public async Task<bool> DeleteAsync(string kind, string path, string id, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await _api.SendJsonAsync(new ApiCall("delete " + kind, "DELETE", path), cancellationToken).ConfigureAwait(false);
            var deleted = !document.RootElement.TryGetProperty("deleted", out var flag) || flag.ValueKind == JsonValueKind.True;
            if (deleted)
            {
                Log.Deleted(_logger, kind, id);
            }

            return deleted;
        }
        catch (FineTuneApiException ex) when (ex.StatusCode == 404)
        {
            return false;
        }
    }

    public async Task<FineTuneJob> JobCallAsync(ApiCall call, CancellationToken cancellationToken)
    {
        using var document = await _api.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
        return JobJson.ParseJob(document.RootElement);
    }

    /// <summary>Deletes files and, optionally, a fine-tuned model; returns what was deleted (missing ones are skipped).</summary>
    public async Task<IReadOnlyList<string>> DeleteAllAsync(IEnumerable<string> fileIds, string? model, CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        foreach (var fileId in fileIds.Distinct(StringComparer.Ordinal))
        {
            if (await DeleteAsync("file", $"files/{Uri.EscapeDataString(fileId)}", fileId, cancellationToken).ConfigureAwait(false))
            {
                deleted.Add(fileId);
            }
        }

        if (model is not null && await DeleteAsync("model", $"models/{Uri.EscapeDataString(model)}", model, cancellationToken).ConfigureAwait(false))
        {
            deleted.Add(model);
        }

        return deleted;
    }

    /// <summary>A second run of the same request on the same data attaches to the first run's job: this run's uploads are not needed.</summary>
    public async Task DiscardUnusedUploadsAsync(FineTuneJob job, UploadedFile?[] uploads, CancellationToken cancellationToken)
    {
        var unused = uploads.Where(u => u is { Reused: false } && u.Id != job.TrainingFileId && u.Id != job.HeldOutFileId).Select(u => u!.Id);
        await DeleteAllAsync(unused, model: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The caller stopped waiting: cancel the remote job when asked to, else log that it keeps running.</summary>
    public async Task AbandonAsync(string jobId, bool cancelRemote, TimeSpan timeout, TimeProvider timeProvider)
    {
        if (!cancelRemote)
        {
            Log.AbandonedJobKeepsRunning(_logger, jobId);
            return;
        }

        Log.CancellingAbandonedJob(_logger, jobId);
        using var cts = new CancellationTokenSource(timeout, timeProvider);
        try
        {
            await ControlAsync(jobId, "cancel", cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FineTuneApiException or OperationCanceledException)
        {
            // The caller is already leaving with an OperationCanceledException; the failure to cancel is logged.
            Log.ApiFailed(_logger, "cancel abandoned job", (ex as FineTuneApiException)?.StatusCode ?? 0, (ex as FineTuneApiException)?.ErrorCode);
        }
    }

    /// <summary>The idempotency key of a request on its data (see <see cref="CreateJobBody.IdempotencyKey"/>).</summary>
    public static string KeyFor(FineTuneRequest request, UploadedFile training, UploadedFile? heldOut) =>
        CreateJobBody.IdempotencyKey(request, request.Model, Identity(training), heldOut is null ? null : Identity(heldOut));

    /// <summary>Finds a job an earlier run created for the same key (not failed or cancelled), or <see langword="null"/>.</summary>
    public async Task<FineTuneJob?> FindAsync(string key, CancellationToken cancellationToken)
    {
        using var existing = await FindJobByKeyAsync(key, useResilience: true, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return null;
        }

        var job = JobJson.ParseJob(existing.RootElement);
        Log.JobReused(_logger, job.Id, key);
        return job;
    }

    /// <summary>Creates the job, tagged with the key; a retry after a lost response returns the job the first attempt created.</summary>
    public async Task<FineTuneJob> CreateAsync(FineTuneRequest request, UploadedFile training, UploadedFile? heldOut, string key, string? trainingType, CancellationToken cancellationToken)
    {
        var body = CreateJobBody.Write(request, request.Model, training.Id, heldOut?.Id, key, trainingType);
        var call = new ApiCall("create job", "POST", "fine_tuning/jobs")
        {
            Content = () => BinaryContent.Create(body),
            ContentType = "application/json",
            FindExisting = async token =>
            {
                using var found = await FindJobByKeyAsync(key, useResilience: false, token).ConfigureAwait(false);
                return found is null ? null : BinaryData.FromString(found.RootElement.GetRawText());
            },
        };
        using var created = await _api.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
        var createdJob = JobJson.ParseJob(created.RootElement);
        Telemetry.JobsCreated.Add(1);
        Log.JobCreated(_logger, createdJob.Id, createdJob.Model);
        return createdJob;
    }

    /// <summary>Finds the newest job tagged with the idempotency key that has not failed or been cancelled.</summary>
    private async Task<JsonDocument?> FindJobByKeyAsync(string key, bool useResilience, CancellationToken cancellationToken)
    {
        var filter = new Dictionary<string, string> { [CreateJobBody.IdempotencyMetadataKey] = key };
        string? after = null;
        for (var page = 0; page < 5; page++)
        {
            var call = new ApiCall("find job", "GET", ListJobsPath(filter, 100, after));
            var body = useResilience
                ? await _api.SendAsync(call, cancellationToken).ConfigureAwait(false)
                : await _api.SendOnceAsync(call, cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(body);
            string? last = null;
            foreach (var element in JsonReading.Array(document.RootElement, "data"))
            {
                last = JsonReading.String(element, "id");
                var status = JsonReading.String(element, "status");
                if (JsonReading.Object(element, "metadata") is { } meta
                    && JsonReading.String(meta, CreateJobBody.IdempotencyMetadataKey) == key
                    && status is not ("failed" or "cancelled"))
                {
                    return JsonDocument.Parse(element.GetRawText());
                }
            }

            if (!JsonReading.Bool(document.RootElement, "has_more") || last is null)
            {
                return null;
            }

            after = last;
        }

        return null;
    }
}
