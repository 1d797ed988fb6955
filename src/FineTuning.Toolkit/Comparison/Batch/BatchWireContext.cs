using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>Source-generated JSON for the Batch API bodies the comparer sends.</summary>
[JsonSerializable(typeof(BatchCreateBody))]
[JsonSerializable(typeof(BatchFileReference))]
internal sealed partial class BatchWireContext : JsonSerializerContext;
