using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>A fine-tuning job event (<c>fine_tuning.job.event</c>).</summary>
internal sealed record EmulatedEvent(string Id, DateTimeOffset CreatedAt, string Level, string Message, string Type, JsonObject? Data)
{
    public JsonObject ToJson() => new()
    {
        ["object"] = "fine_tuning.job.event",
        ["id"] = Id,
        ["created_at"] = CreatedAt.ToUnixTimeSeconds(),
        ["level"] = Level,
        ["message"] = Message,
        ["data"] = Data is null ? new JsonObject() : Data.DeepClone(),
        ["type"] = Type,
    };
}
