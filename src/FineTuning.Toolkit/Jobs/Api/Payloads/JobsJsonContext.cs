using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Jobs;

/// <summary>Source-generated JSON for every body the runner writes (no reflection: trimmed and AOT apps work).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FileIdPayload))]
[JsonSerializable(typeof(CompletedUploadPayload))]
[JsonSerializable(typeof(CreateUploadPayload))]
[JsonSerializable(typeof(CompleteUploadPayload))]
[JsonSerializable(typeof(CreateJobPayload))]
internal sealed partial class JobsJsonContext : JsonSerializerContext;
