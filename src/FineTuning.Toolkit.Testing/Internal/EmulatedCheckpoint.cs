using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>A fine-tuning job checkpoint (<c>fine_tuning.job.checkpoint</c>).</summary>
internal sealed record EmulatedCheckpoint(string Id, DateTimeOffset CreatedAt, string JobId, string ModelName, int Step, JsonObject Metrics)
{
    public JsonObject ToJson() => new()
    {
        ["object"] = "fine_tuning.job.checkpoint",
        ["id"] = Id,
        ["created_at"] = CreatedAt.ToUnixTimeSeconds(),
        ["fine_tuned_model_checkpoint"] = ModelName,
        ["fine_tuning_job_id"] = JobId,
        ["metrics"] = Metrics.DeepClone(),
        ["step_number"] = Step,
    };
}
