namespace FineTuning.Toolkit.Jobs;

/// <summary>The part of a completed upload the runner needs: its file.</summary>
internal sealed record CompletedUploadPayload(FileIdPayload File);
