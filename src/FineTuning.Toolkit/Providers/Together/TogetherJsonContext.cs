using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Providers.Together;

/// <summary>Source-generated JSON for the bodies the Together AI provider writes and the chat responses it reads.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TogetherCreateJobPayload))]
[JsonSerializable(typeof(TogetherChatRequest))]
[JsonSerializable(typeof(TogetherChatResponse))]
[JsonSerializable(typeof(TogetherBatchCreateBody))]
internal sealed partial class TogetherJsonContext : JsonSerializerContext;
