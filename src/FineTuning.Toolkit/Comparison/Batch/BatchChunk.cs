namespace FineTuning.Toolkit.Comparison.Batch;

/// <summary>One request file on disk, within the provider's limits, identified by the hash of its content.</summary>
/// <param name="Path">The local file.</param>
/// <param name="Count">The number of requests.</param>
/// <param name="Bytes">The size in bytes.</param>
/// <param name="Hash">The first 128 bits of the SHA-256 of the content, as 32 hex digits.</param>
internal sealed record BatchChunk(string Path, int Count, long Bytes, string Hash);
