namespace FineTuning.Toolkit.Jobs;

/// <summary>A file on the service: its id, whether it was there before this run, its last known status and, when this run
/// sent it, the SHA-256 of its content (hex, first 32 characters) computed while it streamed.</summary>
internal sealed record UploadedFile(string Id, bool Reused, string? Status = null, string? ContentHash = null);
