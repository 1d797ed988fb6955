using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

internal sealed partial class EmulatorState
{
    private void MapJobs(WebApplication app)
    {
        app.MapPost(Prefix + "/fine_tuning/jobs", CreateJobAsync);
        app.MapGet(Prefix + "/fine_tuning/jobs", ListJobs);
        app.MapGet(Prefix + "/fine_tuning/jobs/{fine_tuning_job_id}", RetrieveJob);
        app.MapPost(Prefix + "/fine_tuning/jobs/{fine_tuning_job_id}/cancel", context => ChangeJob(context, (job, now) => job.Cancel(this, now)));
        app.MapPost(Prefix + "/fine_tuning/jobs/{fine_tuning_job_id}/pause", context => ChangeJob(context, (job, now) => job.Pause(this, now)));
        app.MapPost(Prefix + "/fine_tuning/jobs/{fine_tuning_job_id}/resume", context => ChangeJob(context, (job, now) => job.Resume(this, now)));
        app.MapGet(Prefix + "/fine_tuning/jobs/{fine_tuning_job_id}/events", ListEvents);
        app.MapGet(Prefix + "/fine_tuning/jobs/{fine_tuning_job_id}/checkpoints", ListCheckpoints);
    }

    private async Task CreateJobAsync(HttpContext context)
    {
        var request = await HttpResults.ReadJsonObjectAsync(context).ConfigureAwait(false);
        if (request is null)
        {
            await HttpResults.BadRequest(context, "The request body must be a JSON object.").ConfigureAwait(false);
            return;
        }

        var parsed = JobRequest.Parse(request, Options, out var problem);
        if (parsed is null)
        {
            await HttpResults.BadRequest(context, problem!.Message, problem.Param, problem.Code).ConfigureAwait(false);
            return;
        }

        if (await RefusedAsync(context, request, parsed.Model).ConfigureAwait(false))
        {
            return;
        }

        var baseIsKnown = Options.FineTunableModels.Contains(parsed.Model, StringComparer.Ordinal);
        lock (_gate)
        {
            baseIsKnown |= _models.TryGetValue(parsed.Model, out var ft) && ft.IsFineTuned;
        }

        var files = JobFiles(baseIsKnown ? null : new JobError("model_not_available", $"Model {parsed.Model} is not available for fine-tuning or does not exist.", "model"), parsed.TrainingFile, parsed.ValidationFile);
        if (files.Problem is { } refused)
        {
            await HttpResults.BadRequest(context, refused.Message, refused.Param, refused.Code).ConfigureAwait(false);
            return;
        }

        var baseModel = parsed.Model.StartsWith("ft:", StringComparison.Ordinal) ? parsed.Model.Split(':')[1] : parsed.Model;
        var (trainingContent, failure) = await ReadJobFilesAsync(files, parsed, EmulatorTokenizer.ForModel(baseModel), context.RequestAborted).ConfigureAwait(false);

        JsonObject body;
        lock (_gate)
        {
            var job = new EmulatedJob
            {
                Id = NewId("ftjob-", 24),
                Model = parsed.Model,
                CreatedAt = Now,
                TrainingFileId = parsed.TrainingFile,
                ValidationFileId = parsed.ValidationFile,
                Suffix = parsed.Suffix,
                Seed = parsed.Seed ?? NextSeed(),
                Method = parsed.Method,
                Epochs = parsed.Epochs ?? 3,
                BatchSize = parsed.BatchSize ?? Math.Clamp((int)Math.Round(trainingContent.ExampleCount * 0.002), 1, 256),
                LearningRateMultiplier = parsed.LearningRateMultiplier ?? 1.8,
                Beta = parsed.Method == "dpo" ? parsed.Beta ?? 0.1 : null,
                AutoHyperparameters = parsed.AutoHyperparameters(),
                Metadata = parsed.Metadata,
                Integrations = parsed.Integrations,
                TrainingType = Options.Dialect == EmulatorDialect.Azure ? HttpResults.Text(request["trainingType"]) ?? "standard" : null,
                Training = trainingContent,
                ValidationFailure = failure,
            };
            job.Start(this);
            _jobs.Add(job);
            EmulatorLog.JobCreated(Logger, job.Id, job.Model);
            body = JobJson(job);
        }

        await Reply(context, body).ConfigureAwait(false);
    }

    /// <summary>The files of a job request: found and of purpose <c>fine-tune</c> (else <see cref="JobFileSet.Problem"/>),
    /// and whether one was still being processed (<see cref="JobFileSet.NotReady"/>).</summary>
    private JobFileSet JobFiles(JobError? problem, string trainingId, string? validationId)
    {
        lock (_gate)
        {
            var training = FindFile(trainingId);
            problem ??= CheckFile(training, trainingId, "training_file");
            var validation = validationId is null ? null : FindFile(validationId);
            if (validationId is not null)
            {
                problem ??= CheckFile(validation, validationId, "validation_file");
            }

            return new JobFileSet(training, validation, problem, NotReady(training, "training_file") ?? NotReady(validation, "validation_file"));
        }
    }

    /// <summary>Reads the job's files and runs the server-side checks: the first failure makes the job fail while validating.</summary>
    private static async Task<(TrainingFileContent Content, JobError? Failure)> ReadJobFilesAsync(JobFileSet files, JobRequest request, EmulatorTokenizer tokenizer, CancellationToken cancellationToken)
    {
        var content = TrainingFileReader.Read(files.Training!.Content, request.Method, tokenizer);
        var failure = files.NotReady ?? await ServerSideValidation.ValidateAsync(files.Training, content, request, "training_file", cancellationToken).ConfigureAwait(false);
        if (failure is null && files.Validation is { } validation)
        {
            var validationContent = TrainingFileReader.Read(validation.Content, request.Method, tokenizer);
            failure = await ServerSideValidation.ValidateAsync(validation, validationContent, request, "validation_file", cancellationToken).ConfigureAwait(false);
        }

        return (content, failure);
    }

    private JobError? CheckFile(StoredFile? file, string id, string param)
    {
        if (file is null)
        {
            return new JobError("invalid_file", $"invalid {param}: {id}", param);
        }

        if (file.Purpose != "fine-tune")
        {
            return new JobError("invalid_file_purpose", $"File {id} has purpose '{file.Purpose}'; fine-tuning needs purpose 'fine-tune'.", param);
        }

        return null;
    }

    /// <summary>A job created while its file is still being processed fails (it is accepted, then fails in
    /// <c>validating_files</c>): clients must wait for the file's status to be <c>processed</c> first.</summary>
    private JobError? NotReady(StoredFile? file, string param) =>
        file is null || file.Status(Now) == "processed"
            ? null
            : new JobError("file_not_ready", $"File {file.Id} was still being processed when the job was created. Wait until its status is 'processed', then create the job again.", param);

    private Task ListJobs(HttpContext context)
    {
        var limit = Math.Clamp(HttpResults.QueryInt(context, "limit") ?? 20, 1, 100);
        var after = HttpResults.QueryString(context, "after");
        var metadataFilter = context.Request.Query
            .Where(q => q.Key.StartsWith("metadata[", StringComparison.Ordinal) && q.Key.EndsWith(']'))
            .ToDictionary(q => q.Key["metadata[".Length..^1], q => q.Value.ToString(), StringComparer.Ordinal);
        JsonObject body;
        lock (_gate)
        {
            AdvanceAll(Now);
            var ordered = Enumerable.Reverse(_jobs)
                .Where(j => metadataFilter.All(f => j.Metadata?[f.Key]?.GetValue<string>() == f.Value))
                .ToList();
            if (after is not null)
            {
                var index = ordered.FindIndex(j => j.Id == after);
                ordered = index < 0 ? ordered : ordered.Skip(index + 1).ToList();
            }

            var data = new JsonArray(ordered.Take(limit).Select(j => (JsonNode)JobJson(j)).ToArray());
            body = ListBody(data, ordered.Count > limit, withCursorIds: false);
        }

        return Reply(context, body);
    }

    private Task RetrieveJob(HttpContext context)
    {
        var id = HttpResults.Route(context, "fine_tuning_job_id");
        JsonObject? body;
        lock (_gate)
        {
            var job = FindJob(id);
            job?.Advance(this, Now);
            body = job is null ? null : JobJson(job);
        }

        return body is null ? JobNotFound(context, id) : Reply(context, body);
    }

    private Task ChangeJob(HttpContext context, Func<EmulatedJob, DateTimeOffset, string?> change)
    {
        var id = HttpResults.Route(context, "fine_tuning_job_id");
        JsonObject? body = null;
        string? problem = null;
        lock (_gate)
        {
            var job = FindJob(id);
            if (job is not null)
            {
                job.Advance(this, Now);
                problem = change(job, Now);
                body = JobJson(job);
            }
        }

        if (body is null)
        {
            return JobNotFound(context, id);
        }

        return problem is null ? Reply(context, body) : HttpResults.BadRequest(context, problem, "fine_tuning_job_id");
    }

    private Task ListEvents(HttpContext context) =>
        ListOfJob(context, defaultLimit: 20, maxLimit: 1000, job => job.Events, e => e.Id, e => e.ToJson(), withCursorIds: false);

    private Task ListCheckpoints(HttpContext context) =>
        ListOfJob(context, defaultLimit: 10, maxLimit: 100, job => job.Checkpoints, c => c.Id, c => c.ToJson(), withCursorIds: true);

    // A page of a job's events or checkpoints, newest first, after the job has caught up with the simulated clock.
    private Task ListOfJob<T>(HttpContext context, int defaultLimit, int maxLimit, Func<EmulatedJob, List<T>> items, Func<T, string> id, Func<T, JsonObject> json, bool withCursorIds)
    {
        var jobId = HttpResults.Route(context, "fine_tuning_job_id");
        var limit = Math.Clamp(HttpResults.QueryInt(context, "limit") ?? defaultLimit, 1, maxLimit);
        var after = HttpResults.QueryString(context, "after");
        JsonObject? body = null;
        lock (_gate)
        {
            var job = FindJob(jobId);
            if (job is not null)
            {
                job.Advance(this, Now);
                body = Page(Enumerable.Reverse(items(job)).ToList(), id, json, after, limit, withCursorIds);
            }
        }

        return body is null ? JobNotFound(context, jobId) : Reply(context, body);
    }

    private static JsonObject Page<T>(List<T> newestFirst, Func<T, string> id, Func<T, JsonObject> json, string? after, int limit, bool withCursorIds)
    {
        if (after is not null)
        {
            var index = newestFirst.FindIndex(item => id(item) == after);
            newestFirst = index < 0 ? newestFirst : newestFirst.Skip(index + 1).ToList();
        }

        var data = new JsonArray(newestFirst.Take(limit).Select(item => (JsonNode)json(item)).ToArray());
        return ListBody(data, newestFirst.Count > limit, withCursorIds);
    }

    private static Task JobNotFound(HttpContext context, string id) =>
        HttpResults.NotFound(context, $"Could not find fine-tune job: {id}", "fine_tuning_job_id");

    private EmulatedJob? FindJob(string id) => _jobs.Find(j => j.Id == id);
}
