namespace FineTuning.Toolkit.Jobs;

/// <summary>The part of a file object the runner needs (<c>{"id": ...}</c>), also the stand-in answer of an upload whose response was lost.</summary>
internal sealed record FileIdPayload(string Id, string? Status = null);
