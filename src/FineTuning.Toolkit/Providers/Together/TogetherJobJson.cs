using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Providers.Together;

/// <summary>Maps Together AI's job, event, checkpoint and metrics bodies to the library's types (ISO times, its statuses mapped).</summary>
internal static class TogetherJobJson
{
    /// <summary>Maps a Together status through <see cref="KnownCapabilities.Together"/> (<c>pending</c> → <c>queued</c>, <c>completed</c> → <c>succeeded</c>, ...).</summary>
    public static FineTuneJobStatus MapStatus(string? status) =>
        new(status is not null && KnownCapabilities.Together.StatusMap.TryGetValue(status, out var mapped) ? mapped : status ?? "unknown");

    public static FineTuneJob ParseJob(JsonElement job, DateTimeOffset now)
    {
        var status = MapStatus(JsonReading.String(job, "status"));
        var updated = Time(job, "updated_at");
        DateTimeOffset? estimatedFinish = null;
        if (JsonReading.Object(job, "progress") is { } progress && JsonReading.Bool(progress, "estimate_available")
            && JsonReading.Int64(progress, "seconds_remaining") is { } seconds && !status.IsTerminal)
        {
            // Rounded to the minute, so a steady estimate does not look like a new one at every poll.
            var finish = now.AddSeconds(seconds);
            estimatedFinish = new DateTimeOffset(finish.Ticks - (finish.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        }

        var method = JsonReading.Object(job, "training_method") is { } m ? JsonReading.String(m, "method") : null;
        return new FineTuneJob
        {
            Id = JsonReading.String(job, "id") ?? string.Empty,
            Model = JsonReading.String(job, "model") ?? string.Empty,
            Status = status,
            FineTunedModel = status == FineTuneJobStatus.Succeeded ? JsonReading.String(job, "model_output_name") : null,
            CreatedAt = Time(job, "created_at") ?? default,
            FinishedAt = status.IsTerminal ? updated : null,
            EstimatedFinish = estimatedFinish,
            TrainingFileId = JsonReading.String(job, "training_file"),
            HeldOutFileId = JsonReading.String(job, "validation_file"),
            TrainedTokens = status.IsTerminal ? JsonReading.Int64(job, "token_count") : null,
            Seed = JsonReading.Int64(job, "random_seed"),
            Suffix = JsonReading.String(job, "suffix"),
            Method = method switch { "sft" or null => "supervised", var other => other },
            Epochs = JsonReading.Int32(job, "n_epochs") is > 0 and var epochs ? epochs : null,
            RawJson = job.GetRawText(),
        };
    }

    /// <summary>Reads an event. Together's events have no id: one is made of its time, type, step and message.</summary>
    public static FineTuneEvent ParseEvent(JsonElement evt)
    {
        var type = JsonReading.String(evt, "type");
        var step = JsonReading.Int32(evt, "step");
        var total = JsonReading.Int32(evt, "total_steps");
        var message = JsonReading.String(evt, "message") ?? string.Empty;
        var created = JsonReading.String(evt, "created_at") ?? string.Empty;
        return new FineTuneEvent
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"{created}|{type}|{step}|{message}"),
            CreatedAt = Time(evt, "created_at") ?? default,
            Level = JsonReading.String(evt, "level") is { Length: > 0 } level ? level : "info",
            Message = message,
            Type = type,
            Step = step is > 0 && total is > 0 ? step : null,
            TotalSteps = total is > 0 ? total : null,
        };
    }

    public static FineTuneCheckpoint ParseCheckpoint(JsonElement checkpoint)
    {
        var path = JsonReading.String(checkpoint, "path") ?? string.Empty;
        return new FineTuneCheckpoint
        {
            Id = path,
            Model = path,
            StepNumber = JsonReading.Int32(checkpoint, "step") ?? 0,
            CreatedAt = Time(checkpoint, "created_at") ?? default,
        };
    }

    /// <summary>Reads one entry of <c>GET /fine-tunes/{id}/metrics</c>: a flat map such as <c>train/loss</c>, <c>train/global_step</c>, <c>eval/loss</c>.</summary>
    public static FineTuneStepMetrics? ParseMetrics(JsonElement entry) =>
        JsonReading.Int32(entry, "train/global_step") is { } step
            ? new FineTuneStepMetrics
            {
                Step = step,
                TrainLoss = JsonReading.Double(entry, "train/loss"),
                ValidationLoss = JsonReading.Double(entry, "eval/loss"),
            }
            : null;

    public static DateTimeOffset? Time(JsonElement element, string name) =>
        JsonReading.String(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : JsonReading.UnixTime(element, name);
}
