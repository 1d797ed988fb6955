using System.Text.Json;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>What one poll of a batch showed.</summary>
internal sealed record BatchSnapshot(
    string Id,
    string Status,
    int Total,
    int Completed,
    int Failed,
    string? InputFileId,
    string? OutputFileId,
    string? ErrorFileId,
    DateTimeOffset? InProgressAt,
    string? Chunk)
{
    public bool IsTerminal => Status is "completed" or "failed" or "expired" or "cancelled";

    /// <summary>The batch status on the fine-tuning job scale, so the jobs' polling cadence applies unchanged.</summary>
    public FineTuneJobStatus JobStatus => Status switch
    {
        "validating" => FineTuneJobStatus.ValidatingFiles,
        "in_progress" or "finalizing" or "cancelling" => FineTuneJobStatus.Running,
        "completed" => FineTuneJobStatus.Succeeded,
        "cancelled" => FineTuneJobStatus.Cancelled,
        "failed" or "expired" => FineTuneJobStatus.Failed,
        _ => FineTuneJobStatus.Queued,
    };

    public static BatchSnapshot Parse(JsonElement root)
    {
        var counts = JsonReading.Object(root, "request_counts");
        var metadata = JsonReading.Object(root, "metadata");
        return new BatchSnapshot(
            JsonReading.String(root, "id") ?? throw new FineTuneApiException("batch: the response has no id.") { Operation = "batch" },
            JsonReading.String(root, "status") ?? "unknown",
            counts is { } c ? (int)(JsonReading.Int64(c, "total") ?? 0) : 0,
            counts is { } d ? (int)(JsonReading.Int64(d, "completed") ?? 0) : 0,
            counts is { } f ? (int)(JsonReading.Int64(f, "failed") ?? 0) : 0,
            JsonReading.String(root, "input_file_id"),
            JsonReading.String(root, "output_file_id"),
            JsonReading.String(root, "error_file_id"),
            JsonReading.Int64(root, "in_progress_at") is { } started ? DateTimeOffset.FromUnixTimeSeconds(started) : null,
            metadata is { } m ? JsonReading.String(m, OpenAIBatchService.ChunkMetadataKey) : null);
    }
}
