using System.Globalization;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Providers;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary>Prices one validated dataset on every model of the lifecycle catalog (or one provider's, or one model's).</summary>
internal static class CostEstimates
{
    public static IReadOnlyList<CostEstimateRow> For(ValidationReport report, ModelLifecycleCatalog catalog, string? provider, string? model)
    {
        var epochs = report.Cost.Epochs;
        var billed = report.BillableTokens * epochs;
        return
        [
            .. catalog.Entries
                .Where(e => provider is null || string.Equals(e.Provider, provider, StringComparison.OrdinalIgnoreCase))
                .Where(e => model is null || string.Equals(e.Model, model, StringComparison.OrdinalIgnoreCase) || string.Equals(e.Family, model, StringComparison.OrdinalIgnoreCase))
                .Select(e => new CostEstimateRow(
                    e.Provider,
                    e.Model,
                    e.Price?.TrainingPerMillionTokens,
                    epochs,
                    billed,
                    e.Price?.TrainingPerMillionTokens is { } price ? Math.Round(billed * price / 1_000_000m, 4) : null,
                    e.TrainingEndsOn)),
        ];
    }

    public static string ToJson(ValidationReport report, ModelLifecycleCatalog catalog, IReadOnlyList<CostEstimateRow> rows, string file)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteNumber("examples", report.ExampleCount);
            json.WriteBoolean("valid", report.IsValid);
            json.WriteNumber("totalTokens", report.TotalTokens);
            json.WriteNumber("billableTokensPerEpoch", report.BillableTokens);
            json.WriteNumber("epochs", report.Cost.Epochs);
            json.WriteBoolean("epochsAutomatic", report.Cost.EpochsAutomatic);
            json.WriteString("catalogAsOf", Date(catalog.AsOf));
            json.WriteStartArray("estimates");
            foreach (var row in rows)
            {
                json.WriteStartObject();
                json.WriteString("provider", row.Provider);
                json.WriteString("model", row.Model);
                WriteNumberOrNull(json, "usdPerMillionTokens", row.UsdPerMillionTokens);
                json.WriteNumber("epochs", row.Epochs);
                json.WriteNumber("billedTokens", row.BilledTokens);
                WriteNumberOrNull(json, "estimatedUsd", row.EstimatedUsd);
                json.WriteString("trainingEndsOn", row.TrainingEndsOn is { } end ? Date(end) : null);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
