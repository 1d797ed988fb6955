namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Why a job failed: the <c>error</c> object of a failed <c>fine_tuning.job</c>.</summary>
internal sealed record JobError(string Code, string Message, string? Param);
