using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Providers.Together;

/// <summary>Together AI's <c>training_type</c> for a LoRA adapter: <c>{"type":"Lora","lora_r":…,"lora_alpha":…,"lora_dropout":…}</c>.</summary>
internal sealed record TogetherTrainingTypePayload(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("lora_r")] int LoraR,
    [property: JsonPropertyName("lora_alpha")] int LoraAlpha,
    [property: JsonPropertyName("lora_dropout")] double? LoraDropout);
