using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>Prices one validated dataset on every model of a price table.</summary>
internal static class CostEstimates
{
    public static IReadOnlyList<CostEstimateRow> For(ValidationReport report, PriceTable prices, string? onlyModel)
    {
        var epochs = report.Cost.Epochs;
        ModelPricing? only = null;
        if (onlyModel is not null && !prices.TryGetPricing(onlyModel, out only))
        {
            return [];
        }

        var billed = report.Tokens.Billable * epochs;
        return
        [
            .. prices.Entries
                .Where(p => only is null || ReferenceEquals(p, only))
                .Select(p => new CostEstimateRow("openai", p.Model, p.TrainingUsdPerMillionTokens, epochs, billed, Math.Round(billed * p.TrainingUsdPerMillionTokens / 1_000_000m, 4))),
        ];
    }

    public static string ToJson(ValidationReport report, PriceTable prices, IReadOnlyList<CostEstimateRow> rows, string file)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteNumber("examples", report.ExampleCount);
            json.WriteBoolean("valid", report.IsValid);
            json.WriteNumber("totalTokens", report.Tokens.Total);
            json.WriteNumber("billableTokensPerEpoch", report.Tokens.Billable);
            json.WriteNumber("epochs", report.Cost.Epochs);
            json.WriteBoolean("epochsAutomatic", report.Cost.EpochsAutomatic);
            json.WriteString("pricesAsOf", prices.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartArray("estimates");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("provider", row.Provider);
                json.WriteString("model", row.Model);
                json.WriteNumber("usdPerMillionTokens", row.UsdPerMillionTokens);
                json.WriteNumber("epochs", row.Epochs);
                json.WriteNumber("billedTokens", row.BilledTokens);
                json.WriteNumber("estimatedUsd", row.EstimatedUsd);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
