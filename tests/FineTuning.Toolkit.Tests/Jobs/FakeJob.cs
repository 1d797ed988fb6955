using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Tests.Jobs;

/// <summary>A job of <see cref="FakeOpenAIServer"/>: its status is a function of the server clock.</summary>
internal sealed class FakeJob
{
    private readonly FakeOpenAIServer _server;
    private readonly JsonObject _request;
    private readonly DateTimeOffset _created;
    private DateTimeOffset? _cancelledAt;
    private DateTimeOffset? _pausedAt;
    private TimeSpan _pausedFor;

    public FakeJob(FakeOpenAIServer server, string id, int sequence, JsonObject request, DateTimeOffset created)
    {
        _server = server;
        Id = id;
        Sequence = sequence;
        _request = request;
        _created = created;
        ResultFileId = "file-result-" + id;
    }

    public string Id { get; }

    public int Sequence { get; }

    public string ResultFileId { get; }

    public JsonObject Request => _request;

    public DateTimeOffset TrainingStart => _created + _server.ValidatingDuration + _server.QueuedDuration;

    public DateTimeOffset Finish => TrainingStart + _server.TrainingDuration + _pausedFor;

    public string Status(DateTimeOffset now)
    {
        if (_cancelledAt is not null)
        {
            return "cancelled";
        }

        if (_pausedAt is not null)
        {
            return now - _pausedAt < TimeSpan.FromSeconds(5) ? "pausing" : "paused";
        }

        if (now < _created + _server.ValidatingDuration)
        {
            return "validating_files";
        }

        if (now < TrainingStart)
        {
            return "queued";
        }

        return now < Finish ? "running" : _server.FailWith is null ? "succeeded" : "failed";
    }

    public void Apply(string action, DateTimeOffset now)
    {
        switch (action)
        {
            case "cancel":
                _cancelledAt ??= now;
                break;
            case "pause":
                _pausedAt ??= now;
                break;
            case "resume" when _pausedAt is { } paused:
                _pausedFor += now - paused;
                _pausedAt = null;
                break;
        }
    }

    public int Step(DateTimeOffset now)
    {
        var status = Status(now);
        if (status is "succeeded" or "failed")
        {
            return _server.TotalSteps;
        }

        if (now <= TrainingStart)
        {
            return 0;
        }

        var fraction = (now - TrainingStart - _pausedFor) / _server.TrainingDuration;
        return Math.Clamp((int)(fraction * _server.TotalSteps), 0, _server.TotalSteps);
    }

    public JsonObject ToJson(DateTimeOffset now)
    {
        var status = Status(now);
        var done = status is "succeeded" or "failed" or "cancelled";
        var json = new JsonObject
        {
            ["object"] = "fine_tuning.job",
            ["id"] = Id,
            ["model"] = (string?)_request["model"],
            ["created_at"] = _created.ToUnixTimeSeconds(),
            ["finished_at"] = done ? (_cancelledAt ?? Finish).ToUnixTimeSeconds() : null,
            ["fine_tuned_model"] = status == "succeeded" ? $"ft:{_request["model"]}:fake-org:{_request["suffix"] ?? string.Empty}:{Id}" : null,
            ["organization_id"] = "org-fake",
            ["result_files"] = status == "succeeded" ? new JsonArray(ResultFileId) : new JsonArray(),
            ["status"] = status,
            ["validation_file"] = _request["validation_file"]?.DeepClone(),
            ["training_file"] = _request["training_file"]?.DeepClone(),
            ["hyperparameters"] = new JsonObject { ["n_epochs"] = _request["method"]?["supervised"]?["hyperparameters"]?["n_epochs"]?.DeepClone() ?? "auto" },
            ["method"] = _request["method"]?.DeepClone(),
            ["trained_tokens"] = status == "succeeded" ? 12_345 : null,
            ["error"] = status == "failed" && _server.FailWith is { } f
                ? new JsonObject { ["code"] = f.Code, ["message"] = f.Message, ["param"] = f.Param }
                : new JsonObject(),
            ["seed"] = _request["seed"]?.DeepClone() ?? 7,
            ["estimated_finish"] = status == "running" ? Finish.ToUnixTimeSeconds() : null,
            ["metadata"] = _request["metadata"]?.DeepClone(),
            ["user_provided_suffix"] = _request["suffix"]?.DeepClone(),
        };
        return json;
    }

    public List<JsonObject> Events(DateTimeOffset now)
    {
        var events = new List<JsonObject> { Event(0, _created, "info", "Validating training file", "message", null) };
        if (now >= _created + _server.ValidatingDuration)
        {
            events.Add(Event(1, _created + _server.ValidatingDuration, "info", "Files validated, moving job to queued state", "message", null));
        }

        if (now >= TrainingStart)
        {
            events.Add(Event(2, TrainingStart, "info", "Fine-tuning job started", "message", null));
        }

        var steps = Step(now);
        for (var step = 1; step <= steps; step++)
        {
            var loss = Math.Round(2.0 * Math.Exp(-step / 10.0) + 0.1, 4);
            events.Add(Event(10 + step, TrainingStart + (_server.TrainingDuration * step / _server.TotalSteps), "info", $"Step {step}/{_server.TotalSteps}: training loss={loss.ToString(CultureInfo.InvariantCulture)}", "metrics",
                new JsonObject { ["step"] = step, ["total_steps"] = _server.TotalSteps, ["train_loss"] = loss, ["train_mean_token_accuracy"] = 0.5 + (step / (2.0 * _server.TotalSteps)) }));
        }

        var status = Status(now);
        if (status == "succeeded")
        {
            events.Add(Event(100_000, Finish, "info", "The job has successfully completed", "message", null));
        }
        else if (status == "failed")
        {
            events.Add(Event(100_000, Finish, "error", _server.FailWith!.Value.Message, "message", null));
        }

        return events;
    }

    public IEnumerable<JsonNode> Checkpoints(DateTimeOffset now)
    {
        if (Status(now) != "succeeded")
        {
            return [];
        }

        return Enumerable.Range(1, 2).Select(i => (JsonNode)new JsonObject
        {
            ["object"] = "fine_tuning.job.checkpoint",
            ["id"] = $"ftckpt-{Id}-{i}",
            ["created_at"] = Finish.ToUnixTimeSeconds(),
            ["fine_tuned_model_checkpoint"] = $"ft:{_request["model"]}:fake-org:ckpt-step-{i * 10}:{Id}",
            ["step_number"] = i * 10,
            ["metrics"] = new JsonObject { ["step"] = i * 10, ["train_loss"] = 0.5 / i, ["valid_loss"] = 0.6 / i },
            ["fine_tuning_job_id"] = Id,
        });
    }

    public string ResultCsv()
    {
        var csv = new StringBuilder("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n");
        for (var step = 1; step <= _server.TotalSteps; step++)
        {
            var valid = step % 5 == 0 ? (0.3 + (1.0 / step)).ToString("0.####", CultureInfo.InvariantCulture) : string.Empty;
            csv.Append(CultureInfo.InvariantCulture, $"{step},{2.0 * Math.Exp(-step / 10.0) + 0.1:0.####},{0.5 + (step / 60.0):0.####},{valid},{(valid.Length > 0 ? "0.8" : string.Empty)}\n");
        }

        return csv.ToString();
    }

    private JsonObject Event(int n, DateTimeOffset at, string level, string message, string type, JsonObject? data) => new()
    {
        ["object"] = "fine_tuning.job.event",
        ["id"] = $"ftevent-{Id}-{n:D6}",
        ["created_at"] = at.ToUnixTimeSeconds(),
        ["level"] = level,
        ["message"] = message,
        ["type"] = type,
        ["data"] = data,
    };
}
