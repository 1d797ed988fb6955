namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>The checks the service runs on a training or validation file while a job is <c>validating_files</c>.
/// A problem does not reject the upload: it makes the job fail with <c>error.code = invalid_training_file</c>
/// (or <c>invalid_validation_file</c>), a message naming the file and line, and <c>param</c> naming the file parameter.</summary>
internal static class ServerSideValidation
{
    public static Task<JobError?> ValidateAsync(StoredFile file, TrainingFileContent content, JobRequest request, string param, CancellationToken cancellationToken)
    {
        _ = request;
        cancellationToken.ThrowIfCancellationRequested();
        if (content.ErrorMessage is null)
        {
            return Task.FromResult<JobError?>(null);
        }

        var code = param == "validation_file" ? "invalid_validation_file" : "invalid_training_file";
        var kind = param == "validation_file" ? "validation" : "training";
        return Task.FromResult<JobError?>(new JobError(code, $"The job failed due to an invalid {kind} file ({file.Id}). {content.ErrorMessage}", param));
    }
}
