using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>An Uploads API upload in progress: its declared size and the parts added so far.</summary>
internal sealed class StoredUpload
{
    public required string Id { get; init; }

    public required string Filename { get; init; }

    public required string Purpose { get; init; }

    public required long Bytes { get; init; }

    public required string MimeType { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt => CreatedAt.AddHours(1);

    public Dictionary<string, byte[]> Parts { get; } = new(StringComparer.Ordinal);

    public string Status { get; set; } = "pending";

    public StoredFile? File { get; set; }

    public string EffectiveStatus(DateTimeOffset now) => Status == "pending" && now >= ExpiresAt ? "expired" : Status;

    public JsonObject ToJson(DateTimeOffset now) => new()
    {
        ["id"] = Id,
        ["object"] = "upload",
        ["bytes"] = Bytes,
        ["created_at"] = CreatedAt.ToUnixTimeSeconds(),
        ["filename"] = Filename,
        ["purpose"] = Purpose,
        ["status"] = EffectiveStatus(now),
        ["expires_at"] = ExpiresAt.ToUnixTimeSeconds(),
        ["file"] = File?.ToJson(now),
    };
}
