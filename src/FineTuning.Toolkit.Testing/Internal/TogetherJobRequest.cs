using System.Text.Json;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>A parsed, checked Together <c>POST /v1/fine-tunes</c> body, with Together's defaults filled in.</summary>
internal sealed class TogetherJobRequest
{
    public required string Model { get; init; }

    public required string TrainingFile { get; init; }

    public string? ValidationFile { get; init; }

    public string? Suffix { get; init; }

    public int? RandomSeed { get; init; }

    public required int Epochs { get; init; }

    public required int Checkpoints { get; init; }

    public required int Evals { get; init; }

    public int? BatchSize { get; init; }

    public required double LearningRate { get; init; }

    /// <summary>Gets <c>sft</c> or <c>dpo</c>.</summary>
    public required string Method { get; init; }

    public double? DpoBeta { get; init; }

    public required JsonObject TrainingType { get; init; }

    public required JsonObject TrainingMethod { get; init; }

    public static TogetherJobRequest? Parse(JsonObject body, out JobError? problem)
    {
        problem = null;
        var model = HttpResults.Text(body["model"]);
        var trainingFile = HttpResults.Text(body["training_file"]);
        if (string.IsNullOrEmpty(model) || string.IsNullOrEmpty(trainingFile))
        {
            problem = new JobError("invalid_request", $"Missing required parameter: '{(string.IsNullOrEmpty(model) ? "model" : "training_file")}'.", string.IsNullOrEmpty(model) ? "model" : "training_file");
            return null;
        }

        var suffix = HttpResults.Text(body["suffix"]);
        if (suffix is { Length: > 40 })
        {
            problem = new JobError("invalid_request", "Suffix must be at most 40 characters.", "suffix");
            return null;
        }

        if (!Integer(body, "n_epochs", 1, 1, 20, out var epochs, ref problem)
            || !Integer(body, "n_checkpoints", 1, 1, epochs, out var checkpoints, ref problem)
            || !Integer(body, "n_evals", 0, 0, 100, out var evals, ref problem))
        {
            return null;
        }

        var learningRate = body["learning_rate"] is JsonValue lr && lr.GetValueKind() == JsonValueKind.Number ? lr.GetValue<double>() : 1e-5;
        if (learningRate is <= 0 or > 0.01)
        {
            problem = new JobError("invalid_request", "learning_rate must be greater than 0 and at most 0.01.", "learning_rate");
            return null;
        }

        int? batchSize = null;
        if (body["batch_size"] is JsonValue batch && !(batch.GetValueKind() == JsonValueKind.String && batch.GetValue<string>() == "max"))
        {
            if (batch.GetValueKind() != JsonValueKind.Number || !batch.TryGetValue<int>(out var size) || size < 1)
            {
                problem = new JobError("invalid_request", "batch_size must be a positive integer or 'max'.", "batch_size");
                return null;
            }

            batchSize = size;
        }

        var method = TrainingMethodOf(body["training_method"] as JsonObject, ref problem);
        var trainingType = TrainingTypeOf(body["training_type"] as JsonObject, ref problem);
        if (method is null || trainingType is null)
        {
            return null;
        }

        return new TogetherJobRequest
        {
            Model = model,
            TrainingFile = trainingFile,
            ValidationFile = HttpResults.Text(body["validation_file"]),
            Suffix = string.IsNullOrEmpty(suffix) ? null : suffix,
            RandomSeed = body["random_seed"] is JsonValue seed && seed.TryGetValue<int>(out var s) ? s : null,
            Epochs = epochs,
            Checkpoints = checkpoints,
            Evals = evals,
            BatchSize = batchSize,
            LearningRate = learningRate,
            Method = HttpResults.Text(method["method"])!,
            DpoBeta = method["dpo_beta"] is JsonValue beta && beta.TryGetValue<double>(out var b) ? b : null,
            TrainingType = trainingType,
            TrainingMethod = method,
        };
    }

    private static JsonObject? TrainingMethodOf(JsonObject? node, ref JobError? problem)
    {
        var name = node is null ? "sft" : HttpResults.Text(node["method"]);
        if (name is not ("sft" or "dpo"))
        {
            problem = new JobError("invalid_request", $"training_method.method must be 'sft' or 'dpo', not '{name}'.", "training_method");
            return null;
        }

        var method = node is null ? new JsonObject() : (JsonObject)node.DeepClone();
        method["method"] = name;
        method["train_on_inputs"] ??= "auto";
        if (name == "dpo")
        {
            method["dpo_beta"] ??= 0.1;
        }

        return method;
    }

    private static JsonObject? TrainingTypeOf(JsonObject? node, ref JobError? problem)
    {
        var type = node is null ? "Lora" : HttpResults.Text(node["type"]);
        if (type == "Full")
        {
            return new JsonObject { ["type"] = "Full" };
        }

        var rank = node?["lora_r"] is JsonValue r && r.TryGetValue<int>(out var rv) ? rv : 8;
        if (type != "Lora" || rank is < 1 or > 64 || (rank & (rank - 1)) != 0)
        {
            problem = new JobError("invalid_request", type != "Lora" ? $"training_type.type must be 'Lora' or 'Full', not '{type}'." : "lora_r must be a power of two from 1 to 64.", "training_type");
            return null;
        }

        var alpha = node?["lora_alpha"] is JsonValue a && a.TryGetValue<int>(out var av) ? av : rank * 2;
        var dropout = node?["lora_dropout"] is JsonValue d && d.TryGetValue<double>(out var dv) ? dv : 0.0;
        if (alpha < 1 || dropout is < 0 or >= 1)
        {
            problem = new JobError("invalid_request", "lora_alpha must be positive and lora_dropout in [0, 1).", "training_type");
            return null;
        }

        return new JsonObject
        {
            ["type"] = "Lora",
            ["lora_r"] = rank,
            ["lora_alpha"] = alpha,
            ["lora_dropout"] = dropout,
            ["lora_trainable_modules"] = HttpResults.Text(node?["lora_trainable_modules"]) ?? "all-linear",
        };
    }

    private static bool Integer(JsonObject body, string name, int defaultValue, int min, int max, out int value, ref JobError? problem)
    {
        value = defaultValue;
        if (body[name] is null)
        {
            return true;
        }

        if (body[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out value) && value >= min && value <= max)
        {
            return true;
        }

        problem = new JobError("invalid_request", $"{name} must be an integer from {min} to {max}.", name);
        return false;
    }
}
