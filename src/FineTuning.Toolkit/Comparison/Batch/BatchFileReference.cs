using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>The part of a file object that a lost upload response is replaced with when the file is found again.</summary>
internal sealed record BatchFileReference([property: JsonPropertyName("id")] string Id);
