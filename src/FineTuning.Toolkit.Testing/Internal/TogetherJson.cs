using System.Globalization;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>Together AI's view of an emulated job: its statuses (<c>pending</c> … <c>completed</c>, <c>error</c>,
/// <c>cancel_requested</c>), its job, event, checkpoint and file bodies (shapes from its official OpenAPI spec).</summary>
internal static class TogetherJson
{
    /// <summary>How long a finished job is <c>compressing</c>, then <c>uploading</c>; how long a cancel stays requested.</summary>
    public static readonly TimeSpan CompressDuration = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan UploadDuration = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan CancelDuration = TimeSpan.FromSeconds(10);

    public static string Status(EmulatedJob job, DateTimeOffset now) => job.Status switch
    {
        "validating_files" => "pending",
        "succeeded" when now < job.FinishedAt + CompressDuration => "compressing",
        "succeeded" when now < job.FinishedAt + CompressDuration + UploadDuration => "uploading",
        "succeeded" => "completed",
        "failed" => "error",
        "cancelled" when now < job.FinishedAt + CancelDuration => "cancel_requested",
        "cancelled" => "cancelled",
        "pausing" or "paused" => "queued",
        var other => other,
    };

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Job(EmulatedJob job, TogetherJobRequest request, string outputName, long? priceCents, DateTimeOffset now, bool full)
    {
        var events = Events(job, now);
        var status = Status(job, now);
        var started = job.Events.Find(e => e.Message.StartsWith("Fine-tuning job started", StringComparison.Ordinal))?.CreatedAt;
        var body = new JsonObject
        {
            ["id"] = job.Id,
            ["status"] = status,
            ["created_at"] = Time(job.CreatedAt),
            ["updated_at"] = Time(events.Count == 0 ? job.CreatedAt : events.Max(e => e.At)),
            ["user_id"] = "user_emulator",
            ["owner_address"] = "emulator@example.test",
            ["total_price"] = priceCents ?? 0,
            ["token_count"] = status == "pending" ? 0 : job.Training.TokenCount * job.Epochs,
            ["training_file"] = job.TrainingFileId,
            ["model"] = job.Model,
            ["model_output_name"] = outputName,
            ["n_epochs"] = job.Epochs,
            ["n_evals"] = request.Evals,
            ["n_checkpoints"] = request.Checkpoints,
            ["batch_size"] = job.BatchSize,
            ["training_type"] = request.TrainingType.DeepClone(),
            ["training_method"] = request.TrainingMethod.DeepClone(),
            ["learning_rate"] = request.LearningRate,
            ["lr_scheduler"] = new JsonObject { ["lr_scheduler_type"] = "linear", ["lr_scheduler_args"] = new JsonObject { ["min_lr_ratio"] = 0.0 } },
            ["warmup_ratio"] = 0.0,
            ["max_grad_norm"] = 1.0,
            ["weight_decay"] = 0.0,
            ["random_seed"] = request.RandomSeed,
            ["events"] = full ? new JsonArray(events.Select(e => (JsonNode)e.Json).ToArray()) : new JsonArray(),
            ["progress"] = new JsonObject
            {
                ["estimate_available"] = job.EstimatedFinish is not null,
                ["seconds_remaining"] = job.EstimatedFinish is { } finish ? Math.Max(0, (long)(finish - now).TotalSeconds) : 0,
            },
        };
        Optional(body, "validation_file", job.ValidationFileId);
        Optional(body, "suffix", job.Suffix);
        if (started is { } at)
        {
            body["started_at"] = Time(at);
        }

        if (full)
        {
            body["job_id"] = job.Id;
            body["trainingfile_numlines"] = job.Training.ExampleCount;
            body["epochs_completed"] = job.CompletedSteps / job.StepsPerEpoch;
            body["queue_depth"] = status == "queued" ? 1 : 0;
            body["param_count"] = 0;
            body["train_on_inputs"] = request.TrainingMethod["train_on_inputs"]?.DeepClone();
            body["model_output_path"] = $"s3://together-emulator/finetune/{job.Id}/{outputName}";
        }

        return body;
    }

    /// <summary>The job's events in Together's shape, oldest first, with the compress/upload events once due.</summary>
    public static List<(DateTimeOffset At, JsonObject Json)> Events(EmulatedJob job, DateTimeOffset now)
    {
        var list = new List<(DateTimeOffset, JsonObject)>();
        foreach (var e in job.Events)
        {
            var step = e.Data?["step"] is JsonValue s && s.TryGetValue<int>(out var n) ? n : 0;
            var type = e.Type == "metrics"
                ? step % job.StepsPerEpoch == 0 ? "epoch_complete" : null
                : e.Level == "error" ? "job_error" : TypeOf(e.Message);
            if (type is not null)
            {
                var message = type == "epoch_complete" ? string.Create(CultureInfo.InvariantCulture, $"Epoch completed, at step {step}") : e.Message;
                list.Add((e.CreatedAt, Event(e.CreatedAt, e.Level == "error" ? "error" : "info", message, type, step, job.TotalSteps)));
            }
        }

        if (job.Status == "succeeded" && job.FinishedAt is { } finished)
        {
            (TimeSpan After, string Type, string Message)[] tail =
            [
                (TimeSpan.Zero, "model_compressing", "Compressing output model"),
                (CompressDuration, "model_compression_complete", "Model compression complete"),
                (CompressDuration, "model_uploading", "Uploading output model"),
                (CompressDuration + UploadDuration, "model_upload_complete", "Model upload complete"),
                (CompressDuration + UploadDuration, "job_complete", "Job finished"),
            ];
            list.AddRange(tail.Where(t => now >= finished + t.After).Select(t => (finished + t.After, Event(finished + t.After, "info", t.Message, t.Type, job.TotalSteps, job.TotalSteps))));
        }

        return list;
    }

    /// <summary>The checkpoints a job with <c>n_checkpoints</c> has saved so far: evenly spaced, the last one final.</summary>
    public static JsonArray Checkpoints(EmulatedJob job, int count, string outputName)
    {
        var data = new JsonArray();
        for (var i = count; i >= 1; i--)
        {
            var step = job.TotalSteps * i / count;
            if (step < 1 || step > job.CompletedSteps)
            {
                continue;
            }

            var at = job.Events.Find(e => e.Type == "metrics" && e.Data?["step"] is JsonValue s && s.TryGetValue<int>(out var n) && n == step)?.CreatedAt ?? job.CreatedAt;
            data.Add(new JsonObject
            {
                ["step"] = step,
                ["created_at"] = Time(at),
                ["path"] = step == job.TotalSteps ? outputName : string.Create(CultureInfo.InvariantCulture, $"{outputName}:{step}"),
                ["checkpoint_type"] = step == job.TotalSteps ? "Final" : "Intermediate",
            });
        }

        return data;
    }

    /// <summary>The metrics logged so far, in the flat shape of <c>GET /fine-tunes/{id}/metrics</c> (<c>train/loss</c>, <c>train/global_step</c>, <c>eval/loss</c>).</summary>
    public static JsonArray Metrics(EmulatedJob job)
    {
        var metrics = new JsonArray();
        foreach (var e in job.Events.Where(e => e.Type == "metrics" && e.Data is not null))
        {
            var entry = new JsonObject { ["train/global_step"] = e.Data!["step"]?.DeepClone(), ["train/loss"] = e.Data["train_loss"]?.DeepClone() };
            if (e.Data["valid_loss"] is { } valid)
            {
                entry["eval/loss"] = valid.DeepClone();
            }

            metrics.Add(entry);
        }

        return metrics;
    }

    public static JsonObject File(StoredFile file, DateTimeOffset now, int lines) => new()
    {
        ["id"] = file.Id,
        ["object"] = "file",
        ["created_at"] = file.CreatedAt.ToUnixTimeSeconds(),
        ["filename"] = file.Filename,
        ["bytes"] = file.Content.LongLength,
        ["purpose"] = file.Purpose,
        ["FileType"] = file.Filename.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "csv" : file.Filename.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? "parquet" : "jsonl",
        ["Processed"] = file.Status(now) == "processed",
        ["LineCount"] = lines,
    };

    /// <summary>
    /// A batch as Together's <c>BatchJob</c>: uppercase statuses (<c>finalizing</c> and <c>cancelling</c>, which Together does
    /// not name, read <c>IN_PROGRESS</c> until the files exist), <c>progress</c> as a percentage, ISO times, a deadline
    /// instead of <c>expires_at</c>, validation errors as one <c>error</c> string, no <c>request_counts</c> and no metadata.
    /// </summary>
    public static JsonObject Batch(EmulatedBatch batch, long inputBytes, DateTimeOffset now)
    {
        var body = new JsonObject
        {
            ["id"] = batch.Id,
            ["user_id"] = "user_emulator",
            ["input_file_id"] = batch.InputFileId,
            ["file_size_bytes"] = inputBytes,
            ["status"] = batch.Status switch
            {
                "finalizing" or "cancelling" => "IN_PROGRESS",
                var status => status.ToUpperInvariant(),
            },
            ["job_deadline"] = Time(batch.ExpiresAt),
            ["created_at"] = Time(batch.CreatedAt),
            ["endpoint"] = batch.Endpoint,
            ["progress"] = batch.Total == 0 ? 0.0 : Math.Round(100.0 * batch.Done(now) / batch.Total, 1),
        };
        Optional(body, "output_file_id", batch.OutputFileId);
        Optional(body, "error_file_id", batch.ErrorFileId);
        if (batch.Errors is not null && batch.Status == "failed")
        {
            body["error"] = string.Join("; ", batch.Errors.Select(e => e!["line"] is { } line ? $"line {line}: {e["message"]}" : e["message"]!.ToString()));
        }

        if ((batch.CompletedAt ?? batch.FailedAt ?? batch.ExpiredAt ?? batch.CancelledAt) is { } ended)
        {
            body["completed_at"] = Time(ended);
        }

        return body;
    }

    private static string? TypeOf(string message) => message switch
    {
        _ when message.StartsWith("Created fine-tuning job", StringComparison.Ordinal) => "job_pending",
        _ when message.StartsWith("Validating training file", StringComparison.Ordinal) => "training_data_downloading",
        _ when message.StartsWith("Files validated", StringComparison.Ordinal) => "training_data_download_complete",
        _ when message.StartsWith("Fine-tuning job started", StringComparison.Ordinal) => "training_start",
        _ when message.StartsWith("Checkpoint created", StringComparison.Ordinal) => "checkpoint_save",
        _ when message.StartsWith("New fine-tuned model created", StringComparison.Ordinal) => "training_complete",
        _ when message.StartsWith("Fine-tuning job cancelled", StringComparison.Ordinal) => "cancel_requested",
        _ => null,
    };

    private static JsonObject Event(DateTimeOffset at, string level, string message, string type, int step, int totalSteps) => new()
    {
        ["object"] = "fine-tune-event",
        ["created_at"] = Time(at),
        ["level"] = level,
        ["message"] = message,
        ["type"] = type,
        ["param_count"] = 0,
        ["token_count"] = 0,
        ["total_steps"] = totalSteps,
        ["wandb_url"] = string.Empty,
        ["step"] = step,
        ["checkpoint_path"] = string.Empty,
        ["model_path"] = string.Empty,
        ["training_offset"] = 0,
        ["hash"] = string.Empty,
    };

    private static void Optional(JsonObject body, string name, string? value)
    {
        if (value is not null)
        {
            body[name] = value;
        }
    }
}
