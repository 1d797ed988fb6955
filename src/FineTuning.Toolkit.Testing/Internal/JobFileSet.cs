namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>The files a job request names, with the reason to refuse the request (<see cref="Problem"/>) or to fail the
/// job while validating (<see cref="NotReady"/>: a file still being processed).</summary>
internal sealed record JobFileSet(StoredFile? Training, StoredFile? Validation, JobError? Problem, JobError? NotReady);
