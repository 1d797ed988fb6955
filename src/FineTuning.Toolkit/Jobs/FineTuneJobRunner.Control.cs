using System.ClientModel;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Internal;

namespace FineTuning.Toolkit.Jobs;

/// <content>Creating (idempotently), reading, listing, cancelling, pausing and resuming jobs; cleanup.</content>
public sealed partial class FineTuneJobRunner
{
    /// <summary>Reads a job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The job, read from the raw JSON.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is <see langword="null"/>.</exception>
    public Task<FineTuneJob> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return JobCallAsync(new ApiCall("retrieve job", "GET", $"fine_tuning/jobs/{Uri.EscapeDataString(jobId)}"), cancellationToken);
    }

    /// <summary>Cancels a job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The job after the request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is <see langword="null"/>.</exception>
    public Task<FineTuneJob> CancelAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return JobCallAsync(new ApiCall("cancel job", "POST", $"fine_tuning/jobs/{Uri.EscapeDataString(jobId)}/cancel"), cancellationToken);
    }

    /// <summary>Pauses a running job (it goes through <c>pausing</c> to <c>paused</c>).</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The job after the request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is <see langword="null"/>.</exception>
    public Task<FineTuneJob> PauseAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return JobCallAsync(new ApiCall("pause job", "POST", $"fine_tuning/jobs/{Uri.EscapeDataString(jobId)}/pause"), cancellationToken);
    }

    /// <summary>Resumes a paused job.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The job after the request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is <see langword="null"/>.</exception>
    public Task<FineTuneJob> ResumeAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return JobCallAsync(new ApiCall("resume job", "POST", $"fine_tuning/jobs/{Uri.EscapeDataString(jobId)}/resume"), cancellationToken);
    }

    /// <summary>Lists jobs, newest first, page by page.</summary>
    /// <param name="metadata">Only jobs with these metadata pairs; <see langword="null"/> for all.</param>
    /// <param name="pageSize">Jobs per request (1 to 100).</param>
    /// <param name="cancellationToken">A token to cancel the listing.</param>
    /// <returns>The jobs.</returns>
    public async IAsyncEnumerable<FineTuneJob> ListJobsAsync(IReadOnlyDictionary<string, string>? metadata = null, int pageSize = 20, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 100);
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

    /// <summary>Reads a job's checkpoints, by step.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The checkpoints.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="jobId"/> is <see langword="null"/>.</exception>
    public async Task<IReadOnlyList<FineTuneCheckpoint>> GetCheckpointsAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        using var document = await _api.SendJsonAsync(new ApiCall("list checkpoints", "GET", $"fine_tuning/jobs/{Uri.EscapeDataString(jobId)}/checkpoints?limit=100"), cancellationToken).ConfigureAwait(false);
        return JsonReading.Array(document.RootElement, "data").Select(JobJson.ParseCheckpoint).OrderBy(c => c.StepNumber).ToArray();
    }

    /// <summary>Deletes an uploaded file.</summary>
    /// <param name="fileId">The file id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns><see langword="true"/> when deleted, <see langword="false"/> when it did not exist.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fileId"/> is <see langword="null"/>.</exception>
    public Task<bool> DeleteFileAsync(string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileId);
        return DeleteAsync("file", $"files/{Uri.EscapeDataString(fileId)}", fileId, cancellationToken);
    }

    /// <summary>Deletes a fine-tuned model.</summary>
    /// <param name="model">The fine-tuned model id (<c>ft:...</c>).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns><see langword="true"/> when deleted, <see langword="false"/> when it did not exist.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public Task<bool> DeleteModelAsync(string model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return DeleteAsync("model", $"models/{Uri.EscapeDataString(model)}", model, cancellationToken);
    }

    /// <summary>Cleans up after a run: deletes its training, validation and result files and, optionally, its fine-tuned model.</summary>
    /// <param name="result">The run's result.</param>
    /// <param name="deleteModel"><see langword="true"/> to delete the fine-tuned model too.</param>
    /// <param name="cancellationToken">A token to cancel the calls.</param>
    /// <returns>The ids of what was deleted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    public async Task<IReadOnlyList<string>> CleanupAsync(FineTuneResult result, bool deleteModel = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var deleted = new List<string>();
        var files = new[] { result.TrainingFileId, result.ValidationFileId }.Concat(result.Job?.ResultFileIds ?? []);
        foreach (var fileId in files.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await DeleteFileAsync(fileId, cancellationToken).ConfigureAwait(false))
            {
                deleted.Add(fileId);
            }
        }

        if (deleteModel && result.FineTunedModel is { } model && await DeleteModelAsync(model, cancellationToken).ConfigureAwait(false))
        {
            deleted.Add(model);
        }

        return deleted;
    }

    private static string ListJobsPath(IReadOnlyDictionary<string, string>? metadata, int limit, string? after)
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

    private async Task<bool> DeleteAsync(string kind, string path, string id, CancellationToken cancellationToken)
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

    private async Task<FineTuneJob> JobCallAsync(ApiCall call, CancellationToken cancellationToken)
    {
        using var document = await _api.SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
        return JobJson.ParseJob(document.RootElement);
    }

    internal async Task<(FineTuneJob Job, bool Reused)> CreateOrFindJobAsync(FineTuneRequest request, string trainingFileId, string? validationFileId, CancellationToken cancellationToken)
    {
        var model = request.Model;
        var key = CreateJobBody.IdempotencyKey(request, model, trainingFileId, validationFileId);
        var existing = await FindJobByKeyAsync(key, useResilience: true, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            var job = JobJson.ParseJob(existing.RootElement);
            existing.Dispose();
            Log.JobReused(_logger, job.Id, key);
            return (job, true);
        }

        var body = CreateJobBody.Write(request, model, trainingFileId, validationFileId, key);
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
        return (createdJob, false);
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
