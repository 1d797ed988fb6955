using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>A file held in memory by the emulator.</summary>
internal sealed class StoredFile
{
    public required string Id { get; init; }

    public required string Filename { get; init; }

    public required string Purpose { get; init; }

    public required byte[] Content { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ProcessedAt { get; init; }

    public string Status(DateTimeOffset now) => now >= ProcessedAt ? "processed" : "uploaded";

    /// <summary>The file object. Fine-tuning files do not expire and have no status details, so those fields are left
    /// out (the spec types them as integer/string, not nullable).</summary>
    public JsonObject ToJson(DateTimeOffset now) => new()
    {
        ["object"] = "file",
        ["id"] = Id,
        ["purpose"] = Purpose,
        ["filename"] = Filename,
        ["bytes"] = Content.LongLength,
        ["created_at"] = CreatedAt.ToUnixTimeSeconds(),
        ["status"] = Status(now),
    };
}
