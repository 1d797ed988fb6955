using System.Text.Json;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>A parsed, checked <c>POST /v1/fine_tuning/jobs</c> body.</summary>
internal sealed class JobRequest
{
    public required string Model { get; init; }

    public required string TrainingFile { get; init; }

    public string? ValidationFile { get; init; }

    public string? Suffix { get; init; }

    public int? Seed { get; init; }

    public required string Method { get; init; }

    public int? Epochs { get; init; }

    public int? BatchSize { get; init; }

    public double? LearningRateMultiplier { get; init; }

    public double? Beta { get; init; }

    public JsonObject? Metadata { get; init; }

    public JsonArray? Integrations { get; init; }

    public IReadOnlySet<string> AutoHyperparameters()
    {
        var auto = new HashSet<string>(StringComparer.Ordinal);
        if (Epochs is null)
        {
            auto.Add("n_epochs");
        }

        if (BatchSize is null)
        {
            auto.Add("batch_size");
        }

        if (LearningRateMultiplier is null)
        {
            auto.Add("learning_rate_multiplier");
        }

        if (Method == "dpo" && Beta is null)
        {
            auto.Add("beta");
        }

        return auto;
    }

    public static JobRequest? Parse(JsonObject body, OpenAIEmulatorOptions options, out JobError? problem)
    {
        problem = null;
        var model = Text(body["model"]);
        var trainingFile = Text(body["training_file"]);
        if (string.IsNullOrEmpty(model) || string.IsNullOrEmpty(trainingFile))
        {
            var missing = string.IsNullOrEmpty(model) ? "model" : "training_file";
            problem = new JobError("missing_required_parameter", $"Missing required parameter: '{missing}'.", missing);
            return null;
        }

        model = ResolveSnapshot(model, options);

        var suffix = Text(body["suffix"]);
        if (suffix is { Length: > 64 })
        {
            problem = new JobError("invalid_value", "Invalid 'suffix': string too long. Expected a string with maximum length 64.", "suffix");
            return null;
        }

        if (!TrySeed(body, out var seed, ref problem))
        {
            return null;
        }

        var method = "supervised";
        var hyperparameters = body["hyperparameters"] as JsonObject;
        if (body["method"] is JsonObject methodNode)
        {
            method = Text(methodNode["type"]) ?? "supervised";
            if (method is not ("supervised" or "dpo"))
            {
                problem = new JobError("invalid_value", $"Method '{method}' is not supported by the emulator; use 'supervised' or 'dpo'.", "method.type");
                return null;
            }

            hyperparameters = (methodNode[method] as JsonObject)?["hyperparameters"] as JsonObject ?? hyperparameters;
        }

        if (!TryHyperparameter(hyperparameters, "n_epochs", 1, 50, integer: true, out var epochs, ref problem)
            || !TryHyperparameter(hyperparameters, "batch_size", 1, 256, integer: true, out var batchSize, ref problem)
            || !TryHyperparameter(hyperparameters, "learning_rate_multiplier", double.Epsilon, 100, integer: false, out var learningRate, ref problem)
            || !TryHyperparameter(hyperparameters, "beta", double.Epsilon, 2, integer: false, out var beta, ref problem))
        {
            return null;
        }

        if (!TryMetadata(body, out var metadata, ref problem))
        {
            return null;
        }

        var integrations = body["integrations"] as JsonArray;
        if (integrations is { Count: > 5 })
        {
            problem = new JobError("invalid_value", "Invalid 'integrations': at most 5 integrations.", "integrations");
            return null;
        }

        return new JobRequest
        {
            Model = model,
            TrainingFile = trainingFile,
            ValidationFile = Text(body["validation_file"]),
            Suffix = string.IsNullOrEmpty(suffix) ? null : suffix,
            Seed = seed,
            Method = method,
            Epochs = epochs is null ? null : (int)epochs.Value,
            BatchSize = batchSize is null ? null : (int)batchSize.Value,
            LearningRateMultiplier = learningRate,
            Beta = beta,
            Metadata = metadata,
            Integrations = (JsonArray?)integrations?.DeepClone(),
        };
    }

    private static bool TrySeed(JsonObject body, out int? seed, ref JobError? problem)
    {
        seed = null;
        if (body["seed"] is not JsonNode seedNode)
        {
            return true;
        }

        if (!TryNumber(seedNode, out var seedValue) || seedValue != Math.Floor(seedValue) || seedValue < 0 || seedValue > int.MaxValue)
        {
            problem = new JobError("invalid_value", "Invalid 'seed': expected an integer between 0 and 2147483647.", "seed");
            return false;
        }

        seed = (int)seedValue;
        return true;
    }

    private static bool TryMetadata(JsonObject body, out JsonObject? metadata, ref JobError? problem)
    {
        metadata = null;
        if (body["metadata"] is not JsonObject metadataNode)
        {
            return true;
        }

        if (metadataNode.Count > 16 || metadataNode.Any(p => p.Key.Length > 64 || p.Value is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>().Length > 512))
        {
            problem = new JobError("invalid_value", "Invalid 'metadata': at most 16 string pairs, keys up to 64 and values up to 512 characters.", "metadata");
            return false;
        }

        metadata = (JsonObject)metadataNode.DeepClone();
        return true;
    }

    /// <summary>An undated name ("gpt-4o") resolves to its dated snapshot ("gpt-4o-2024-08-06"): a fine-tunable model
    /// whose name is the undated name, a dash and a date (digits), never a longer family name ("gpt-4o-mini-...").</summary>
    private static string ResolveSnapshot(string model, OpenAIEmulatorOptions options)
    {
        if (model.StartsWith("ft:", StringComparison.Ordinal) || options.FineTunableModels.Contains(model, StringComparer.Ordinal))
        {
            return model;
        }

        var prefix = model + "-";
        return options.FineTunableModels.FirstOrDefault(m => m.StartsWith(prefix, StringComparison.Ordinal) && m.Length > prefix.Length && char.IsAsciiDigit(m[prefix.Length])) ?? model;
    }

    private static bool TryHyperparameter(JsonObject? hyperparameters, string name, double min, double max, bool integer, out double? value, ref JobError? problem)
    {
        value = null;
        var node = hyperparameters?[name];
        if (node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "auto"))
        {
            return true;
        }

        if (!TryNumber(node, out var number) || number < min || number > max || (integer && number != Math.Floor(number)))
        {
            problem = new JobError("invalid_value", $"Invalid '{name}': expected 'auto' or a {(integer ? "whole number" : "number")} between {min:G3} and {max:G3}.", $"hyperparameters.{name}");
            return false;
        }

        value = number;
        return true;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out value);
    }
}
