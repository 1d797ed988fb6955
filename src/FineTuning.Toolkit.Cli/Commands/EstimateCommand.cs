using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Cli.Output;
using FineTuning.Toolkit.Providers;
using FineTuning.Toolkit.Validation;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary><c>ftk estimate</c>: tokens, epochs and training cost of a dataset on every priced model.</summary>
internal static class EstimateCommand
{
    public static IReadOnlyList<string> Examples { get; } =
    [
        "ftk estimate data/train.jsonl",
        "ftk estimate data/train.jsonl --epochs 4 --json",
        "ftk estimate data/prefs.jsonl --method dpo --model gpt-4.1-mini-2025-04-14",
        "ftk estimate data/train.jsonl --provider azure",
    ];

    public static Command Create(CliHost host)
    {
        var file = new Argument<string>("file") { Description = "The training JSONL file." };
        var model = DatasetOptions.Model();
        model.Description = "Count tokens with this model's tokenizer and show only this model (or family); default: every model of the catalog.";
        var provider = new Option<string?>("--provider") { Description = "Show only this provider's models: openai, azure or together." };
        var method = DatasetOptions.Method();
        var epochs = new Option<int?>("--epochs") { Description = "Epochs to price (default: what the service would pick for this many examples)." };
        var json = CommonOptions.Json();
        var command = new Command("estimate", "Estimate tokens, epochs and training cost per provider and model, with the day each stops training.")
        {
            file, model, provider, method, epochs, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = DatasetOptions.RequireFile(host, parseResult.GetValue(file)!);
            var requestedEpochs = parseResult.GetValue(epochs);
            if (requestedEpochs is < 1 or > 50)
            {
                throw new CliUsageException("--epochs must be between 1 and 50.");
            }

            var options = DatasetOptions.ToValidationOptions(parseResult.GetValue(model), parseResult.GetValue(method), requestedEpochs);
            var report = await new DatasetValidator().ValidateFileAsync(path, options, cancellationToken);
            var estimates = CostEstimates.For(report, options.Catalog, parseResult.GetValue(provider), parseResult.GetValue(model));
            if (parseResult.GetValue(json))
            {
                await host.Out.WriteLineAsync(CostEstimates.ToJson(report, options.Catalog, estimates, DisplayPath.Relative(path, host.CurrentDirectory)));
            }
            else
            {
                Render(host, report, options.Catalog, estimates, DisplayPath.Relative(path, host.CurrentDirectory));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Render(CliHost host, ValidationReport report, ModelLifecycleCatalog catalog, IReadOnlyList<CostEstimateRow> rows, string file)
    {
        var c = CultureInfo.InvariantCulture;
        var epochs = report.Cost.Epochs;
        host.Console.MarkupLine(Markup.Escape(string.Create(c,
            $"{file}: {report.ExampleCount:N0} examples, {report.TotalTokens:N0} tokens ({report.BillableTokens:N0} billable per epoch), {epochs} epochs{(report.Cost.EpochsAutomatic ? " (automatic)" : string.Empty)}")));
        if (!report.IsValid)
        {
            host.Console.MarkupLine(Markup.Escape($"warning: the dataset has {report.ErrorCount} errors; run 'ftk validate {file}' before training."));
        }

        var today = DateOnly.FromDateTime(host.Time.GetUtcNow().UtcDateTime);
        var table = new Table().AddColumns("Provider", "Model", "USD / 1M tokens", "Epochs", "Billed tokens", "Estimated USD", "Trains until");
        foreach (var row in rows)
        {
            table.AddRow(
                row.Provider,
                Markup.Escape(row.Model),
                row.UsdPerMillionTokens?.ToString("0.00", c) ?? "—",
                row.Epochs.ToString(c),
                row.BilledTokens.ToString("N0", c),
                row.EstimatedUsd switch { null => "—", >= 0.01m or 0 => row.EstimatedUsd.Value.ToString("0.00", c), _ => "< 0.01" },
                row.TrainingEndsOn is { } end ? CostEstimates.Date(end) + (end <= today ? " (ended)" : string.Empty) : "—");
        }

        host.Console.Write(table);
        host.Console.MarkupLine(Markup.Escape(string.Create(c,
            $"Catalog as of {CostEstimates.Date(catalog.AsOf)} ('ftk models' lists its sources); tokens counted with {report.Cost.Model}'s tokenizer (other providers' models tokenize differently).")));
    }
}
