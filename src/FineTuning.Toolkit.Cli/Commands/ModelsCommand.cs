using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Cli.Output;
using FineTuning.Toolkit.Providers;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary><c>ftk models</c>: the lifecycle catalog — which base models each provider fine-tunes, until when it trains
/// and serves them, limits and prices, with sources.</summary>
internal static class ModelsCommand
{
    public static IReadOnlyList<string> Examples { get; } =
    [
        "ftk models",
        "ftk models --provider azure",
        "ftk models --json",
    ];

    public static Command Create(CliHost host)
    {
        var provider = new Option<string?>("--provider") { Description = "Only this provider's models: openai, azure or together. [env: FTK_PROVIDER]" };
        provider.AcceptOnlyFromAmong(ModelLifecycleCatalog.OpenAI, ModelLifecycleCatalog.AzureOpenAI, ModelLifecycleCatalog.Together);
        var json = CommonOptions.Json();
        var command = new Command("models", "List the fine-tunable base models per provider: trainable until, serving until, token limit, prices, source.")
        {
            provider, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var catalog = ModelLifecycleCatalog.Default;
            var only = parseResult.GetValue(provider) ?? host.GetEnvironmentVariable("FTK_PROVIDER");
            var entries = catalog.Entries.Where(e => only is null || string.Equals(e.Provider, only, StringComparison.OrdinalIgnoreCase)).ToList();
            var today = DateOnly.FromDateTime(host.Time.GetUtcNow().UtcDateTime);
            if (parseResult.GetValue(json))
            {
                await host.Out.WriteLineAsync(JobOutput.Json(w => WriteJson(w, catalog, entries)));
                return ExitCodes.Success;
            }

            var c = CultureInfo.InvariantCulture;
            var table = new Table().AddColumns("Provider", "Model", "Trains until", "Serves until", "Tokens / example", "Training USD / 1M", "Input / output USD / 1M");
            foreach (var e in entries)
            {
                table.AddRow(
                    e.Provider,
                    Markup.Escape(e.Model),
                    DateText(e.TrainingEndsOn, today),
                    DateText(e.ServingEndsOn, today),
                    e.MaxTokensPerExample.ToString("N0", c),
                    e.Price?.TrainingPerMillionTokens?.ToString("0.00", c) ?? "—",
                    e.Price is { } p ? string.Create(c, $"{p.InputPerMillionTokens:0.00} / {p.OutputPerMillionTokens:0.00}") : "—");
            }

            host.Console.Write(table);
            host.Console.MarkupLine(Markup.Escape($"Catalog as of {CostEstimates.Date(catalog.AsOf)}. Sources:"));
            foreach (var source in entries.Select(e => e.Source.ToString()).Distinct(StringComparer.Ordinal))
            {
                host.Console.MarkupLine(Markup.Escape("  " + source));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string DateText(DateOnly? date, DateOnly today) =>
        date is { } d ? CostEstimates.Date(d) + (d <= today ? " (ended)" : string.Empty) : "—";

    private static void WriteJson(System.Text.Json.Utf8JsonWriter w, ModelLifecycleCatalog catalog, IReadOnlyList<ModelLifecycle> entries)
    {
        w.WriteStartObject();
        w.WriteString("asOf", CostEstimates.Date(catalog.AsOf));
        w.WriteStartArray("models");
        foreach (var e in entries)
        {
            w.WriteStartObject();
            w.WriteString("provider", e.Provider);
            w.WriteString("model", e.Model);
            w.WriteString("trainingEndsOn", e.TrainingEndsOn is { } t ? CostEstimates.Date(t) : null);
            w.WriteString("servingEndsOn", e.ServingEndsOn is { } s ? CostEstimates.Date(s) : null);
            w.WriteNumber("maxTokensPerExample", e.MaxTokensPerExample);
            if (e.Price is { } p)
            {
                w.WriteStartObject("price");
                if (p.TrainingPerMillionTokens is { } training)
                {
                    w.WriteNumber("trainingPerMillionTokens", training);
                }

                w.WriteNumber("inputPerMillionTokens", p.InputPerMillionTokens);
                w.WriteNumber("outputPerMillionTokens", p.OutputPerMillionTokens);
                w.WriteNumber("batchDiscount", p.BatchDiscount);
                w.WriteEndObject();
            }

            w.WriteString("source", e.Source.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
