using System.Text.Json;

namespace FineTuning.Toolkit.Jobs;

/// <summary>Maps the raw JSON of jobs, events and checkpoints, accepting real-world deviations from the contract.</summary>
internal static class JobJson
{
    public static FineTuneJob ParseJob(JsonElement job)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (JsonReading.Object(job, "metadata") is { } meta)
        {
            foreach (var property in meta.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String)
                {
                    metadata[property.Name] = property.Value.GetString()!;
                }
            }
        }

        var method = JsonReading.Object(job, "method");
        var methodType = method is { } m ? JsonReading.String(m, "type") : null;
        int? epochs = null;
        if (method is { } mm && methodType is not null && JsonReading.Object(mm, methodType) is { } details
            && JsonReading.Object(details, "hyperparameters") is { } hp)
        {
            epochs = JsonReading.Int32(hp, "n_epochs");
        }

        if (epochs is null && JsonReading.Object(job, "hyperparameters") is { } legacy)
        {
            epochs = JsonReading.Int32(legacy, "n_epochs");
        }

        // Azure says n_epochs -1 until the job runs and the service has chosen.
        epochs = epochs is > 0 ? epochs : null;

        return new FineTuneJob
        {
            Id = JsonReading.String(job, "id") ?? string.Empty,
            Model = JsonReading.String(job, "model") ?? string.Empty,
            Status = new FineTuneJobStatus(Providers.ProviderProfile.MapStatus(JsonReading.String(job, "status") ?? "unknown")),
            FineTunedModel = JsonReading.String(job, "fine_tuned_model"),
            CreatedAt = JsonReading.UnixTime(job, "created_at") ?? default,
            FinishedAt = JsonReading.UnixTime(job, "finished_at"),
            EstimatedFinish = JsonReading.UnixTime(job, "estimated_finish"),
            TrainingFileId = JsonReading.String(job, "training_file"),
            HeldOutFileId = JsonReading.String(job, "validation_file"),
            ResultFileIds = JsonReading.Array(job, "result_files").Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray(),
            TrainedTokens = JsonReading.Int64(job, "trained_tokens"),
            Seed = JsonReading.Int64(job, "seed"),
            Suffix = JsonReading.String(job, "user_provided_suffix") ?? JsonReading.String(job, "suffix"),
            Method = methodType,
            Epochs = epochs,
            Error = ParseError(job),
            Metadata = metadata,
            RawJson = job.GetRawText(),
        };
    }

    /// <summary>Reads <c>error</c>: <see langword="null"/> for null, a missing field, or the <c>{}</c> healthy jobs carry.</summary>
    public static FineTuneError? ParseError(JsonElement job)
    {
        if (JsonReading.Object(job, "error") is not { } error)
        {
            return null;
        }

        var code = JsonReading.String(error, "code");
        var message = JsonReading.String(error, "message");
        if (string.IsNullOrEmpty(code) && string.IsNullOrEmpty(message))
        {
            return null;
        }

        return new FineTuneError(code ?? "unknown_error", message ?? string.Empty, JsonReading.String(error, "param"));
    }

    public static FineTuneEvent ParseEvent(JsonElement evt)
    {
        var data = JsonReading.Object(evt, "data");
        return new FineTuneEvent
        {
            Id = JsonReading.String(evt, "id") ?? string.Empty,
            CreatedAt = JsonReading.UnixTime(evt, "created_at") ?? default,
            Level = JsonReading.String(evt, "level") ?? "info",
            Message = JsonReading.String(evt, "message") ?? string.Empty,
            Type = JsonReading.String(evt, "type"),
            Step = data is { } d1 ? JsonReading.Int32(d1, "step") : null,
            TotalSteps = data is { } d2 ? JsonReading.Int32(d2, "total_steps") : null,
            TrainLoss = data is { } d3 ? JsonReading.Double(d3, "train_loss") : null,
            ValidationLoss = data is { } d4 ? JsonReading.Double(d4, "valid_loss") ?? JsonReading.Double(d4, "full_valid_loss") : null,
            TrainAccuracy = data is { } d5 ? JsonReading.Double(d5, "train_mean_token_accuracy") ?? JsonReading.Double(d5, "train_accuracy") : null,
        };
    }

    public static FineTuneCheckpoint ParseCheckpoint(JsonElement checkpoint)
    {
        var metrics = JsonReading.Object(checkpoint, "metrics");
        return new FineTuneCheckpoint
        {
            Id = JsonReading.String(checkpoint, "id") ?? string.Empty,
            Model = JsonReading.String(checkpoint, "fine_tuned_model_checkpoint") ?? string.Empty,
            StepNumber = JsonReading.Int32(checkpoint, "step_number") ?? 0,
            CreatedAt = JsonReading.UnixTime(checkpoint, "created_at") ?? default,
            TrainLoss = metrics is { } m1 ? JsonReading.Double(m1, "train_loss") : null,
            ValidationLoss = metrics is { } m2 ? JsonReading.Double(m2, "valid_loss") : null,
            FullValidationLoss = metrics is { } m3 ? JsonReading.Double(m3, "full_valid_loss") : null,
        };
    }
}
