using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>The Together AI dialect: files, fine-tunes (on the same simulated timeline as OpenAI jobs), models.</summary>
internal sealed partial class EmulatorState
{
    private readonly Dictionary<string, (TogetherJobRequest Request, string OutputName)> _togetherJobs = new(StringComparer.Ordinal);

    private void MapTogether(WebApplication app)
    {
        app.MapPost("/v1/files/upload", TogetherUploadAsync);
        app.MapGet("/v1/files", context => TogetherFiles(context, null));
        app.MapGet("/v1/files/{file_id}", context => TogetherFiles(context, HttpResults.Route(context, "file_id")));
        app.MapGet("/v1/files/{file_id}/content", FileContent);
        app.MapDelete("/v1/files/{file_id}", DeleteFile);
        app.MapPost("/v1/fine-tunes", TogetherCreateJobAsync);
        app.MapGet("/v1/fine-tunes", context => TogetherJobs(context, null, full: false));
        app.MapGet("/v1/fine-tunes/{id}", context => TogetherJobs(context, HttpResults.Route(context, "id"), full: true));
        app.MapPost("/v1/fine-tunes/{id}/cancel", TogetherCancel);
        app.MapGet("/v1/fine-tunes/{id}/events", context => TogetherOfJob(context, (job, _, now) => new JsonArray(TogetherJson.Events(job, now).Select(e => (JsonNode)e.Json).ToArray())));
        app.MapGet("/v1/fine-tunes/{id}/checkpoints", context => TogetherOfJob(context, (job, t, _) => TogetherJson.Checkpoints(job, t.Request.Checkpoints, t.OutputName)));
        app.MapGet("/v1/fine-tunes/{id}/metrics", TogetherMetrics);
        app.MapDelete("/v1/fine-tunes/{id}", TogetherDeleteJob);
        app.MapGet("/v1/models", TogetherModels);
    }

    /// <summary>Whether chat answers for a model: a base model, or a fine-tuned output once its job is <c>completed</c>.</summary>
    private bool TogetherServes(string model)
    {
        var job = _jobs.Find(j => _togetherJobs.TryGetValue(j.Id, out var t) && t.OutputName == model);
        return job is null ? Options.BaseModels.Contains(model, StringComparer.Ordinal) : TogetherJson.Status(job, Now) == "completed";
    }

    private async Task TogetherUploadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await HttpResults.BadRequest(context, "Files must be uploaded as multipart/form-data with 'purpose', 'file_name' and 'file'.", "file").ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var purpose = form["purpose"].ToString();
        var upload = form.Files.GetFile("file");
        var name = form["file_name"].ToString();
        if (upload is null || name.Length == 0 || purpose is not ("fine-tune" or "eval" or "batch-api"))
        {
            await HttpResults.BadRequest(context, "'purpose' (fine-tune, eval or batch-api), 'file_name' and 'file' are required.", upload is null ? "file" : name.Length == 0 ? "file_name" : "purpose").ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        JsonObject body;
        lock (_gate)
        {
            var file = AddFile(name, purpose, buffer.ToArray(), Now, processed: false);
            body = TogetherJson.File(file, Now, CountLines(file.Content));
        }

        await Reply(context, body).ConfigureAwait(false);
    }

    private Task TogetherFiles(HttpContext context, string? id)
    {
        JsonObject? body;
        lock (_gate)
        {
            if (id is null)
            {
                body = new JsonObject { ["object"] = "list", ["data"] = new JsonArray(Enumerable.Reverse(_files).Select(f => (JsonNode)TogetherJson.File(f, Now, CountLines(f.Content))).ToArray()) };
            }
            else
            {
                body = FindFile(id) is { } file ? TogetherJson.File(file, Now, CountLines(file.Content)) : null;
            }
        }

        return body is null ? HttpResults.NotFound(context, $"File {id} not found.") : Reply(context, body);
    }

    private async Task TogetherCreateJobAsync(HttpContext context)
    {
        var request = await HttpResults.ReadJsonObjectAsync(context).ConfigureAwait(false);
        if (request is null)
        {
            await HttpResults.BadRequest(context, "The request body must be a JSON object.").ConfigureAwait(false);
            return;
        }

        var parsed = TogetherJobRequest.Parse(request, out var problem);
        if (parsed is null)
        {
            await HttpResults.BadRequest(context, problem!.Message, problem.Param).ConfigureAwait(false);
            return;
        }

        if (await RefusedAsync(context, request, parsed.Model).ConfigureAwait(false))
        {
            return;
        }

        var files = JobFiles(
            Options.FineTunableModels.Contains(parsed.Model, StringComparer.Ordinal) ? null : new JobError("invalid_request", $"Model {parsed.Model} is not supported for fine-tuning.", "model"),
            parsed.TrainingFile,
            parsed.ValidationFile);
        if (files.Problem is { } refused)
        {
            await HttpResults.BadRequest(context, refused.Message, refused.Param).ConfigureAwait(false);
            return;
        }

        var method = parsed.Method == "dpo" ? "dpo" : "supervised";
        var check = new JobRequest { Model = parsed.Model, TrainingFile = parsed.TrainingFile, Method = method };
        var (content, failure) = await ReadJobFilesAsync(files, check, EmulatorTokenizer.ForModel(parsed.Model), context.RequestAborted).ConfigureAwait(false);
        JsonObject body;
        lock (_gate)
        {
            var job = new EmulatedJob
            {
                Id = "ft-" + NewUuid(),
                Model = parsed.Model,
                CreatedAt = Now,
                TrainingFileId = parsed.TrainingFile,
                ValidationFileId = parsed.ValidationFile,
                Suffix = parsed.Suffix,
                Seed = parsed.RandomSeed ?? 42,
                Method = method,
                Epochs = parsed.Epochs,
                BatchSize = parsed.BatchSize ?? 8,
                LearningRateMultiplier = parsed.LearningRate,
                Beta = parsed.DpoBeta,
                Training = content,
                ValidationFailure = failure,
            };
            job.Start(this);
            _jobs.Add(job);
            _togetherJobs[job.Id] = (parsed, job.ModelName(this));
            EmulatorLog.JobCreated(Logger, job.Id, job.Model);
            body = TogetherJobJson(job, full: false);
        }

        await Reply(context, body).ConfigureAwait(false);
    }

    private Task TogetherJobs(HttpContext context, string? id, bool full)
    {
        JsonObject? body;
        lock (_gate)
        {
            AdvanceAll(Now);
            if (id is null)
            {
                var data = Enumerable.Reverse(_jobs).Where(j => _togetherJobs.ContainsKey(j.Id)).Select(j => (JsonNode)TogetherJobJson(j, full)).ToArray();
                body = new JsonObject { ["data"] = new JsonArray(data) };
            }
            else
            {
                body = FindJob(id) is { } job && _togetherJobs.ContainsKey(job.Id) ? TogetherJobJson(job, full) : null;
            }
        }

        return body is null ? HttpResults.NotFound(context, $"Fine-tune job {id} not found.") : Reply(context, body);
    }

    private Task TogetherCancel(HttpContext context)
    {
        var id = HttpResults.Route(context, "id");
        JsonObject? body = null;
        string? problem = null;
        lock (_gate)
        {
            if (FindJob(id) is { } job && _togetherJobs.ContainsKey(job.Id))
            {
                job.Advance(this, Now);
                problem = job.Cancel(this, Now);
                body = TogetherJobJson(job, full: false);
            }
        }

        if (body is null)
        {
            return HttpResults.NotFound(context, $"Fine-tune job {id} not found.");
        }

        return problem is null ? Reply(context, body) : HttpResults.BadRequest(context, problem, "id");
    }

    private Task TogetherOfJob(HttpContext context, Func<EmulatedJob, (TogetherJobRequest Request, string OutputName), DateTimeOffset, JsonArray> items)
    {
        var id = HttpResults.Route(context, "id");
        JsonObject? body = null;
        lock (_gate)
        {
            if (FindJob(id) is { } job && _togetherJobs.TryGetValue(job.Id, out var together))
            {
                job.Advance(this, Now);
                body = new JsonObject { ["data"] = items(job, together, Now) };
            }
        }

        return body is null ? HttpResults.NotFound(context, $"Fine-tune job {id} not found.") : Reply(context, body);
    }

    /// <summary><c>GET /v1/fine-tunes/{id}/metrics</c>: the loss curve so far, one flat map per logged step.</summary>
    private Task TogetherMetrics(HttpContext context)
    {
        var id = HttpResults.Route(context, "id");
        JsonObject? body = null;
        lock (_gate)
        {
            if (FindJob(id) is { } job && _togetherJobs.ContainsKey(job.Id))
            {
                job.Advance(this, Now);
                body = new JsonObject { ["metrics"] = TogetherJson.Metrics(job) };
            }
        }

        return body is null ? HttpResults.NotFound(context, $"Fine-tune job {id} not found.") : Reply(context, body);
    }

    /// <summary><c>DELETE /v1/fine-tunes/{id}</c>: the job and its output model are gone (chat on the model answers 404).</summary>
    private Task TogetherDeleteJob(HttpContext context)
    {
        var id = HttpResults.Route(context, "id");
        var deleted = false;
        lock (_gate)
        {
            if (FindJob(id) is { } job && _togetherJobs.Remove(job.Id))
            {
                _jobs.Remove(job);
                deleted = true;
            }
        }

        return deleted ? Reply(context, new JsonObject { ["message"] = $"Fine-tune job {id} deleted." }) : HttpResults.NotFound(context, $"Fine-tune job {id} not found.");
    }

    private Task TogetherModels(HttpContext context)
    {
        JsonArray body;
        lock (_gate)
        {
            AdvanceAll(Now);
            var served = Options.BaseModels.Concat(_togetherJobs.Values.Select(t => t.OutputName).Where(TogetherServes));
            body = new JsonArray(served.Select(id => (JsonNode)new JsonObject
            {
                ["id"] = id,
                ["object"] = "model",
                ["created"] = _baseModelsCreated.ToUnixTimeSeconds(),
                ["type"] = "chat",
                ["display_name"] = id[(id.LastIndexOf('/') + 1)..],
                ["organization"] = id.Contains('/', StringComparison.Ordinal) ? id[..id.IndexOf('/', StringComparison.Ordinal)] : Options.Organization,
                ["context_length"] = Options.Lifecycle.GetMaxTokensPerExample(Provider, id),
            }).ToArray());
        }

        return HttpResults.Json(context, body);
    }

    private JsonObject TogetherJobJson(EmulatedJob job, bool full)
    {
        var (request, outputName) = _togetherJobs[job.Id];
        var price = Options.Lifecycle.TryGet(Provider, job.Model, out var entry) ? entry.Price?.TrainingCost(job.Training.TokenCount * job.Epochs) : null;
        return TogetherJson.Job(job, request, outputName, price is { } usd ? (long)Math.Round(usd * 100m) : null, Now, full);
    }

    private string NewUuid()
    {
        var id = NewId(string.Empty, 32).ToLowerInvariant();
        return $"{id[..8]}-{id[8..12]}-{id[12..16]}-{id[16..20]}-{id[20..]}";
    }

    private static int CountLines(byte[] content) => content.Count(b => b == (byte)'\n') + (content.Length > 0 && content[^1] != (byte)'\n' ? 1 : 0);
}
