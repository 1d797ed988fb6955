using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>The body of <c>POST /batches</c>.</summary>
internal sealed record BatchCreateBody(
    [property: JsonPropertyName("input_file_id")] string InputFileId,
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("completion_window")] string CompletionWindow,
    [property: JsonPropertyName("metadata")] Dictionary<string, string> Metadata);
