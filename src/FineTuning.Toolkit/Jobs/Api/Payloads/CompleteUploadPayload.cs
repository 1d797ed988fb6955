namespace FineTuning.Toolkit.Jobs;

/// <summary>The body of <c>POST /uploads/{id}/complete</c>.</summary>
internal sealed record CompleteUploadPayload(IReadOnlyList<string> PartIds);
