using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>One line of the batch journal: what is known about the batch of one request file.</summary>
/// <param name="Chunk">The hash of the request file.</param>
/// <param name="State"><c>submitting</c> (written before the create call), <c>created</c> or <c>done</c>.</param>
/// <param name="FileId">The uploaded request file, once known.</param>
/// <param name="BatchId">The batch, once known.</param>
internal sealed record BatchJournalEntry(
    [property: JsonPropertyName("chunk")] string Chunk,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("file")] string? FileId,
    [property: JsonPropertyName("batch")] string? BatchId);
