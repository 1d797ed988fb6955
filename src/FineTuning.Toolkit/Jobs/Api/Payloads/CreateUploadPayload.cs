namespace FineTuning.Toolkit.Jobs;

/// <summary>The body of <c>POST /uploads</c>.</summary>
internal sealed record CreateUploadPayload(string Purpose, string Filename, long Bytes, string MimeType);
