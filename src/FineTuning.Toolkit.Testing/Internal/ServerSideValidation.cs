using System.Globalization;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>
/// The checks the service runs on a training or validation file while a job is <c>validating_files</c>: the toolkit's
/// <see cref="DatasetValidator"/> on the uploaded bytes (read from memory, no temporary file), for the job's base model and method. Only errors count (the
/// format problems OpenAI rejects: invalid JSON, unknown roles, missing content or assistant message, bad weights or
/// tool calls, malformed DPO examples, fewer than 10 examples); quality warnings do not fail a job. A problem does not
/// reject the upload: it makes the job fail with <c>error.code = invalid_training_file</c> (or
/// <c>invalid_validation_file</c>), a message naming the file, line and rule, and <c>param</c> naming the file parameter.
/// </summary>
internal static class ServerSideValidation
{
    public static async Task<JobError?> ValidateAsync(StoredFile file, TrainingFileContent content, JobRequest request, string param, CancellationToken cancellationToken)
    {
        var baseModel = request.Model.StartsWith("ft:", StringComparison.Ordinal) ? request.Model.Split(':')[1] : request.Model;
        var options = new ValidationOptions
        {
            Model = baseModel,
            Method = request.Method == "dpo" ? FineTuneMethod.Dpo : FineTuneMethod.Supervised,
            MaxIssuesPerCode = 1,
        };
        using var stream = new MemoryStream(file.Content, writable: false);
        var report = await new DatasetValidator().ValidateAsync(stream, options, cancellationToken).ConfigureAwait(false);
        var error = report.Errors.OrderBy(i => i.Line ?? int.MaxValue).FirstOrDefault();
        var problem = error is null ? content.ErrorMessage : Describe(error);

        if (problem is null)
        {
            return null;
        }

        var code = param == "validation_file" ? "invalid_validation_file" : "invalid_training_file";
        var kind = param == "validation_file" ? "validation" : "training";
        return new JobError(code, $"The job failed due to an invalid {kind} file ({file.Id}). {problem}", param);
    }

    private static string Describe(ValidationIssue issue)
    {
        var where = issue.Line is { } line ? string.Create(CultureInfo.InvariantCulture, $"Line {line}: ") : string.Empty;
        return $"{where}{issue.Message} ({issue.Code})";
    }
}
