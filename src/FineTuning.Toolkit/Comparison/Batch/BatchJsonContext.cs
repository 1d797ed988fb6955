using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>Source-generated JSON for the batch journal.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BatchJournalEntry))]
internal sealed partial class BatchJsonContext : JsonSerializerContext;
