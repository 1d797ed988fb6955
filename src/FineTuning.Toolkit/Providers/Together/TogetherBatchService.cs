using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Providers.Together;

/// <summary>
/// Together AI's Batch API (<c>/batches</c> in its OpenAPI spec; https://docs.together.ai/docs/inference/batch/overview):
/// request files go through <see cref="TogetherFiles"/> with purpose <c>batch-api</c> (the SHA-256 of the content in the
/// file name, so a lost upload response or a second run finds the same file); a create answers <c>{job, warning}</c>;
/// statuses are uppercase (<c>VALIDATING</c>, <c>IN_PROGRESS</c>, <c>COMPLETED</c>, <c>FAILED</c>, <c>EXPIRED</c>,
/// <c>CANCELLED</c>) and read here on the OpenAI scale; progress is a percentage, turned into completed requests of the
/// file's known count. Batches carry no metadata, so a batch whose create response was lost is found again by listing the
/// batches and matching the uploaded file's id (<c>input_file_id</c>), as the Together fine-tune path does for jobs.
/// </summary>
internal sealed class TogetherBatchService : BatchServiceClient
{
    private readonly TogetherFiles _files;
    private readonly ILogger _logger;

    public TogetherBatchService(OpenAIApiClient api, FineTuneJobRunnerOptions options, TimeProvider timeProvider, ILogger logger)
        : base(api)
    {
        _files = new TogetherFiles(api, options, timeProvider, logger);
        _logger = logger;
    }

    /// <summary>Gets Together's line shape: <c>{custom_id, body}</c>, the token limit as <c>max_tokens</c>.</summary>
    public override BatchLineShape LineShape => BatchLineShape.Together;

    public override async Task<string> UploadAsync(BatchChunk chunk, CancellationToken cancellationToken)
    {
        var file = await _files.UploadAsync(UploadSource.FromFile(chunk.Path, UploadSource.OpenFile), "ftk-batch", "batch-api", cancellationToken).ConfigureAwait(false);
        return file.Id;
    }

    public override async Task<BatchSnapshot> CreateAsync(BatchChunk chunk, string fileId, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new TogetherBatchCreateBody(fileId, BatchRequestBody.Endpoint, "24h"), TogetherJsonContext.Default.TogetherBatchCreateBody);
        using var document = await SendCreateAsync(chunk, fileId, bytes, cancellationToken).ConfigureAwait(false);

        // A create answers {job, warning}; a batch found again after a lost response is the bare job.
        var job = JsonReading.Object(document.RootElement, "job") ?? document.RootElement;
        var batch = Parse(job, chunk.Count);
        if (JsonReading.String(document.RootElement, "warning") is { Length: > 0 } warning)
        {
            Log.BatchCreatedWithWarning(_logger, batch.Id, warning);
        }

        return batch;
    }

    protected override BatchSnapshot ReadBatch(JsonElement batch, int requests) => Parse(batch, requests);

    /// <summary>Finds the newest batch of the uploaded file (<c>GET /batches</c> answers one array, without paging).</summary>
    public override async Task<BatchSnapshot?> FindBatchAsync(BatchChunk chunk, string? fileId, bool resilient, CancellationToken cancellationToken)
    {
        if (fileId is null)
        {
            return null;
        }

        var body = await SendAsync(new ApiCall("list batches", "GET", "batches"), resilient, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new FineTuneApiException("list batches: the response is not an array of batch jobs.") { Operation = "list batches" };
        }

        BatchSnapshot? newest = null;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var batch = Parse(element, chunk.Count);
            if (batch.InputFileId == fileId && (newest is null || batch.InProgressAt > newest.InProgressAt))
            {
                newest = batch;
            }
        }

        return newest;
    }

    /// <summary>
    /// Reads a <c>BatchJob</c>: the status lowercased onto the OpenAI scale (the six documented values are the OpenAI
    /// ones in uppercase), <c>progress</c> (0–100) as completed requests of <paramref name="requests"/>, and
    /// <c>created_at</c> as the start the watcher paces its polls from (Together reports no separate start time).
    /// </summary>
    internal static BatchSnapshot Parse(JsonElement job, int requests)
    {
        var progress = Math.Clamp(JsonReading.Double(job, "progress") ?? 0, 0, 100);
        var status = (JsonReading.String(job, "status") ?? "unknown").ToLowerInvariant();
        var created = JsonReading.String(job, "created_at") is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
        return new BatchSnapshot(
            JsonReading.String(job, "id") ?? throw new FineTuneApiException("batch: the response has no id.") { Operation = "batch" },
            status,
            requests,
            status == "completed" ? requests : (int)Math.Floor(requests * progress / 100),
            0,
            JsonReading.String(job, "input_file_id"),
            JsonReading.String(job, "output_file_id"),
            JsonReading.String(job, "error_file_id"),
            created,
            null);
    }
}
