using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>A model the emulator serves: a base model, or a fine-tuned model (or checkpoint) with its training style.</summary>
internal sealed class EmulatedModel
{
    public required string Id { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required string OwnedBy { get; init; }

    public StyleResponder? Style { get; init; }

    public bool IsFineTuned => Style is not null;

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["object"] = "model",
        ["created"] = Created.ToUnixTimeSeconds(),
        ["owned_by"] = OwnedBy,
    };
}
