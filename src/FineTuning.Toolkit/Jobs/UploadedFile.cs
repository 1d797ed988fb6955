namespace FineTuning.Toolkit.Jobs;

/// <summary>A file on the service that a run uses, and whether it was found already uploaded.</summary>
internal sealed record UploadedFile(string Id, bool Reused, string? Status = null);
