using System.CommandLine;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>Options of the commands that read a dataset (validate, estimate, train).</summary>
internal static class DatasetOptions
{
    public static Option<string?> Model() => new("--model", "-m")
    {
        Description = $"Base model the data is for (token limits, tokenizer, price); default {new ValidationOptions().Model}.",
    };

    public static Option<string?> Method()
    {
        var option = new Option<string?>("--method") { Description = "Training method: sft (chat examples, default) or dpo (preference pairs)." };
        option.AcceptOnlyFromAmong("sft", "dpo");
        return option;
    }

    public static Option<string?> ValidationFile() => new("--validation-file") { Description = "Held-out JSONL file, checked like the training file and against it (overlap)." };

    public static FineTuneMethod ParseMethod(string? method) => method == "dpo" ? FineTuneMethod.Dpo : FineTuneMethod.Supervised;

    public static ValidationOptions ToValidationOptions(string? model, string? method, int? epochs = null)
    {
        var options = new ValidationOptions { Method = ParseMethod(method), Epochs = epochs };
        if (!string.IsNullOrWhiteSpace(model))
        {
            options.Model = model;
        }

        return options;
    }

    /// <summary>Resolves a file argument; a missing file is bad usage (exit 2), not an invalid dataset.</summary>
    public static string RequireFile(CliHost host, string path)
    {
        var full = host.ResolvePath(path);
        return File.Exists(full) ? full : throw new CliUsageException($"File not found: {path}");
    }
}
