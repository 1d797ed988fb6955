using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>
/// A fine-tuning job and its simulated timeline. Nothing runs in the background: <see cref="Advance"/> replays every
/// transition due by the simulated "now" (validation, queue, training steps, checkpoints, success), stamping each event
/// with the simulated time it happened at. Callers hold the emulator's lock.
/// </summary>
internal sealed class EmulatedJob
{
    private const int MaxMetricEvents = 2000;

    public required string Id { get; init; }

    public required string Model { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string TrainingFileId { get; init; }

    public string? ValidationFileId { get; init; }

    public string? Suffix { get; init; }

    public required int Seed { get; init; }

    public required string Method { get; init; }

    public required int Epochs { get; init; }

    public required int BatchSize { get; init; }

    public required double LearningRateMultiplier { get; init; }

    public double? Beta { get; init; }

    /// <summary>Gets the hyperparameters the request left to <c>auto</c>; they read "auto" until validation resolves them.</summary>
    public IReadOnlySet<string> AutoHyperparameters { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public JsonObject? Metadata { get; init; }

    public JsonArray? Integrations { get; init; }

    /// <summary>Gets Azure's <c>trainingType</c> (<c>standard</c>, <c>globalStandard</c>, <c>developerTier</c>), or <see langword="null"/>.</summary>
    public string? TrainingType { get; init; }

    public required TrainingFileContent Training { get; init; }

    public JobError? ValidationFailure { get; init; }

    public string Status { get; private set; } = "validating_files";

    public DateTimeOffset? FinishedAt { get; private set; }

    public string? FineTunedModel { get; private set; }

    public long? TrainedTokens { get; private set; }

    public string? ResultFileId { get; private set; }

    public JobError? Error { get; private set; }

    public List<EmulatedEvent> Events { get; } = new();

    public List<EmulatedCheckpoint> Checkpoints { get; } = new();

    public int StepsPerEpoch => Math.Max(1, (int)Math.Ceiling(Training.ExampleCount / (double)BatchSize));

    public int TotalSteps => StepsPerEpoch * Epochs;

    public int CompletedSteps { get; private set; }

    private DateTimeOffset _phaseEndsAt;
    private DateTimeOffset _runAnchor;
    private TimeSpan _stepDuration;
    private DateTimeOffset? _pauseRequestedAt;
    private LossCurve? _curve;

    public void Start(EmulatorState state)
    {
        _phaseEndsAt = CreatedAt + state.Options.ValidationDuration;
        AddEvent(state, CreatedAt, "info", $"Created fine-tuning job: {Id}");
        var files = ValidationFileId is null ? $"Validating training file: {TrainingFileId}" : $"Validating training file: {TrainingFileId} and validation file: {ValidationFileId}";
        AddEvent(state, CreatedAt, "info", files);
    }

    public bool IsTerminal => Status is "succeeded" or "failed" or "cancelled";

    public DateTimeOffset? EstimatedFinish => Status switch
    {
        "running" => _runAnchor + (_stepDuration * TotalSteps),
        "queued" => _phaseEndsAt + (_stepDuration == TimeSpan.Zero ? TimeSpan.Zero : _stepDuration * TotalSteps),
        _ => null,
    };

    public void Advance(EmulatorState state, DateTimeOffset now)
    {
        while (true)
        {
            switch (Status)
            {
                case "validating_files":
                    if (now < _phaseEndsAt)
                    {
                        return;
                    }

                    if (ValidationFailure is not null)
                    {
                        Fail(state, _phaseEndsAt, ValidationFailure);
                        return;
                    }

                    _stepDuration = TimeSpan.FromTicks(Math.Max(1, state.Options.TrainingDuration.Ticks / TotalSteps));
                    AddEvent(state, _phaseEndsAt, "info", "Files validated, moving job to queued state");
                    SetStatus(state, "queued");
                    _phaseEndsAt += state.Options.QueueDuration;
                    break;
                case "queued":
                    if (now < _phaseEndsAt)
                    {
                        return;
                    }

                    _curve = new LossCurve(Seed, TotalSteps);
                    _runAnchor = _phaseEndsAt;
                    SetStatus(state, "running");
                    AddEvent(state, _phaseEndsAt, "info", "Fine-tuning job started");
                    break;
                case "running":
                    RunSteps(state, now);
                    return;
                case "pausing":
                    if (now < _phaseEndsAt)
                    {
                        return;
                    }

                    SetStatus(state, "paused");
                    AddEvent(state, _phaseEndsAt, "info", "Fine-tuning job paused");
                    return;
                default:
                    return;
            }
        }
    }

    public string? Cancel(EmulatorState state, DateTimeOffset now)
    {
        if (IsTerminal)
        {
            return $"Job {Id} has already {Status} and cannot be cancelled.";
        }

        SetStatus(state, "cancelled");
        FinishedAt = now;
        AddEvent(state, now, "info", "Fine-tuning job cancelled");
        return null;
    }

    public string? Pause(EmulatorState state, DateTimeOffset now)
    {
        if (Status != "running")
        {
            return $"Job {Id} is {Status}; only a running job can be paused.";
        }

        SetStatus(state, "pausing");
        _pauseRequestedAt = now;
        _phaseEndsAt = now + state.Options.PauseDuration;
        AddEvent(state, now, "info", "Pausing fine-tuning job");
        return null;
    }

    public string? Resume(EmulatorState state, DateTimeOffset now)
    {
        if (Status is not ("paused" or "pausing"))
        {
            return $"Job {Id} is {Status}; only a paused job can be resumed.";
        }

        _runAnchor += now - _pauseRequestedAt!.Value;
        _pauseRequestedAt = null;
        SetStatus(state, "running");
        AddEvent(state, now, "info", "Resuming fine-tuning job");
        return null;
    }

    public JsonObject ToJson(string organizationId)
    {
        // Like the service, values left to "auto" read "auto" until the files are validated and they are resolved
        // (a recorded real response: https://github.com/cequence-io/openai-scala-client/issues/80).
        var unresolved = Status == "validating_files" ? AutoHyperparameters : (IReadOnlySet<string>)new HashSet<string>();
        JsonNode Value(string name, JsonNode resolved) => unresolved.Contains(name) ? JsonValue.Create("auto") : resolved;
        var hyperparameters = new JsonObject
        {
            ["n_epochs"] = Value("n_epochs", Epochs),
            ["batch_size"] = Value("batch_size", BatchSize),
            ["learning_rate_multiplier"] = Value("learning_rate_multiplier", LearningRateMultiplier),
        };
        var methodHyperparameters = (JsonObject)hyperparameters.DeepClone();
        if (Beta is { } beta)
        {
            methodHyperparameters["beta"] = Value("beta", beta);
        }

        return new JsonObject
        {
            ["object"] = "fine_tuning.job",
            ["id"] = Id,
            ["model"] = Model,
            ["created_at"] = CreatedAt.ToUnixTimeSeconds(),
            ["finished_at"] = FinishedAt?.ToUnixTimeSeconds(),
            ["fine_tuned_model"] = FineTunedModel,
            ["organization_id"] = organizationId,
            ["result_files"] = ResultFileId is null ? new JsonArray() : new JsonArray(ResultFileId),
            ["status"] = Status,
            ["validation_file"] = ValidationFileId,
            ["training_file"] = TrainingFileId,
            ["hyperparameters"] = hyperparameters,
            ["trained_tokens"] = TrainedTokens,
            // Real-world quirk: a job that has not failed carries an empty object, not null.
            ["error"] = Error is null ? new JsonObject() : new JsonObject { ["code"] = Error.Code, ["message"] = Error.Message, ["param"] = Error.Param },
            ["user_provided_suffix"] = Suffix,
            ["seed"] = Seed,
            ["estimated_finish"] = EstimatedFinish?.ToUnixTimeSeconds(),
            ["integrations"] = Integrations?.DeepClone() ?? new JsonArray(),
            ["metadata"] = Metadata?.DeepClone(),
            ["usage_metrics"] = TrainedTokens is null ? null : new JsonObject { ["trained_tokens"] = TrainedTokens },
            ["shared_with_openai"] = false,
            ["method"] = new JsonObject
            {
                ["type"] = Method,
                [Method] = new JsonObject { ["hyperparameters"] = methodHyperparameters },
            },
        };
    }

    public string ResultCsv()
    {
        var curve = _curve ?? new LossCurve(Seed, TotalSteps);
        var builder = new StringBuilder("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n");
        for (var step = 1; step <= CompletedSteps; step++)
        {
            builder.Append(step.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Format(curve.TrainLoss(step))).Append(',')
                .Append(Format(curve.TrainAccuracy(step))).Append(',');
            if (ValidationFileId is not null)
            {
                builder.Append(Format(curve.ValidLoss(step))).Append(',').Append(Format(curve.ValidAccuracy(step)));
            }
            else
            {
                builder.Append(',');
            }

            builder.Append('\n');
        }

        return builder.ToString();
    }

    private static string Format(double value) => value.ToString("0.#####", CultureInfo.InvariantCulture);

    private void RunSteps(EmulatorState state, DateTimeOffset now)
    {
        var curve = _curve!;
        var metricEvery = Math.Max(1, TotalSteps / MaxMetricEvents);
        while (CompletedSteps < TotalSteps)
        {
            var step = CompletedSteps + 1;
            var at = _runAnchor + (_stepDuration * step);
            if (at > now)
            {
                return;
            }

            CompletedSteps = step;
            if (step % metricEvery == 0 || step == TotalSteps)
            {
                var data = new JsonObject
                {
                    ["step"] = step,
                    ["train_loss"] = Math.Round(curve.TrainLoss(step), 5),
                    ["total_steps"] = TotalSteps,
                    ["train_mean_token_accuracy"] = Math.Round(curve.TrainAccuracy(step), 5),
                };
                if (ValidationFileId is not null)
                {
                    data["valid_loss"] = Math.Round(curve.ValidLoss(step), 5);
                    data["valid_mean_token_accuracy"] = Math.Round(curve.ValidAccuracy(step), 5);
                }

                var message = string.Create(CultureInfo.InvariantCulture, $"Step {step}/{TotalSteps}: training loss={curve.TrainLoss(step):0.0000}");
                Events.Add(new EmulatedEvent(state.NewId("ftevent-", 24), at, "info", message, "metrics", data));
            }

            if (step % StepsPerEpoch == 0 && step / StepsPerEpoch > Epochs - 3)
            {
                AddCheckpoint(state, at, step, curve);
            }
        }

        Succeed(state, _runAnchor + (_stepDuration * TotalSteps));
    }

    private void AddCheckpoint(EmulatorState state, DateTimeOffset at, int step, LossCurve curve)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{ModelName(state)}:ckpt-step-{step}");
        var metrics = new JsonObject
        {
            ["step"] = step,
            ["train_loss"] = Math.Round(curve.TrainLoss(step), 5),
            ["train_mean_token_accuracy"] = Math.Round(curve.TrainAccuracy(step), 5),
            ["valid_loss"] = Math.Round(curve.ValidLoss(step), 5),
            ["valid_mean_token_accuracy"] = Math.Round(curve.ValidAccuracy(step), 5),
            ["full_valid_loss"] = Math.Round(curve.ValidLoss(step) * 0.98, 5),
            ["full_valid_mean_token_accuracy"] = Math.Round(curve.ValidAccuracy(step), 5),
        };
        Checkpoints.Add(new EmulatedCheckpoint(state.NewId("ftckpt_", 24), at, Id, name, step, metrics));
        state.RegisterFineTunedModel(name, at, Training);
        AddEvent(state, at, "info", string.Create(CultureInfo.InvariantCulture, $"Checkpoint created at step {step}"));
    }

    private string? _modelName;

    public string ModelName(EmulatorState state)
    {
        // ft:{base}:{org}:{suffix}:{id}; Azure: {base}.ft-{32 hex}; Together: {org}/{base name}-{suffix}-{id}.
        // A job that continues a fine-tuned model names the new model after the underlying base model, as the service does.
        var baseModel = Model.StartsWith("ft:", StringComparison.Ordinal) ? Model.Split(':')[1] : Model;
        return _modelName ??= state.Options.Dialect switch
        {
            EmulatorDialect.Azure => $"{baseModel.Split(".ft-")[0]}.ft-{string.Concat(Enumerable.Range(0, 4).Select(_ => state.NextSeed().ToString("x8", CultureInfo.InvariantCulture)))}",
            EmulatorDialect.Together => $"{state.Options.Organization}/{baseModel[(baseModel.LastIndexOf('/') + 1)..]}{(Suffix is null ? string.Empty : "-" + Suffix)}-{state.NewId(string.Empty, 8).ToLowerInvariant()}",
            _ => $"ft:{baseModel}:{state.Options.Organization}:{Suffix ?? string.Empty}:{state.NewId(string.Empty, 8)}",
        };
    }

    private void Succeed(EmulatorState state, DateTimeOffset at)
    {
        var name = ModelName(state);
        // Real quirk: the service serves the result CSV base64-encoded.
        var csv = Encoding.UTF8.GetBytes(ResultCsv());
        var content = state.Options.Base64ResultFiles ? Encoding.ASCII.GetBytes(Convert.ToBase64String(csv)) : csv;
        var result = state.AddFile("step_metrics.csv", "fine-tune-results", content, at, processed: true);
        ResultFileId = result.Id;
        FineTunedModel = name;
        TrainedTokens = Training.TokenCount * Epochs;
        SetStatus(state, "succeeded");
        FinishedAt = at;
        state.RegisterFineTunedModel(name, at, Training);
        AddEvent(state, at, "info", $"New fine-tuned model created: {name}");
        AddEvent(state, at, "info", "Evaluating model against our usage policies");
        AddEvent(state, at, "info", "Usage policy evaluations completed, model is now enabled for sampling");
        AddEvent(state, at, "info", "The job has successfully completed");
    }

    private void Fail(EmulatorState state, DateTimeOffset at, JobError error)
    {
        Error = error;
        SetStatus(state, "failed");
        FinishedAt = at;
        AddEvent(state, at, "error", error.Message);
    }

    private void SetStatus(EmulatorState state, string status)
    {
        Status = status;
        EmulatorLog.JobStatusChanged(state.Logger, Id, status);
    }

    private void AddEvent(EmulatorState state, DateTimeOffset at, string level, string message) =>
        Events.Add(new EmulatedEvent(state.NewId("ftevent-", 24), at, level, message, "message", null));
}
