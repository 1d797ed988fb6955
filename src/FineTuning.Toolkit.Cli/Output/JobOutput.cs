using System.Globalization;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary>Jobs and results as text lines or JSON.</summary>
internal static class JobOutput
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string ResultText(FineTuneResult result)
    {
        var sb = new StringBuilder();
        sb.AppendLine(C, $"job: {result.JobId ?? "(not created)"}");
        sb.AppendLine(C, $"status: {result.Status.Value}");
        if (result.FineTunedModel is not null)
        {
            sb.AppendLine(C, $"fine-tuned model: {result.FineTunedModel}");
        }

        if (result.TrainedTokens is { } tokens)
        {
            sb.AppendLine(C, $"trained tokens: {tokens:N0}{(result.EstimatedCostUsd is { } usd ? string.Create(C, $" (~${usd:0.00})") : string.Empty)}");
        }

        if (result.Metrics.Count > 0)
        {
            var last = result.Metrics[^1];
            sb.AppendLine(C, $"final train loss: {last.TrainLoss:0.000} at step {last.Step}");
        }

        if (result.Error is { } error)
        {
            sb.AppendLine(C, $"error: {error.Code}: {error.Message}");
        }

        return sb.ToString();
    }

    public static string ResultJson(FineTuneResult result) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteString("jobId", result.JobId);
        json.WriteString("status", result.Status.Value);
        json.WriteBoolean("succeeded", result.Succeeded);
        json.WriteString("model", result.Model);
        json.WriteString("fineTunedModel", result.FineTunedModel);
        json.WriteString("trainingFileId", result.TrainingFileId);
        json.WriteString("validationFileId", result.HeldOutFileId);
        WriteNullable(json, "trainedTokens", result.TrainedTokens);
        if (result.EstimatedCostUsd is { } usd)
        {
            json.WriteNumber("estimatedCostUsd", usd);
        }

        json.WriteStartArray("checkpoints");
        foreach (var checkpoint in result.Checkpoints)
        {
            json.WriteStringValue(checkpoint.Model);
        }

        json.WriteEndArray();
        if (result.Error is { } error)
        {
            json.WriteStartObject("error");
            json.WriteString("code", error.Code);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    });

    public static void WriteJob(Utf8JsonWriter json, FineTuneJob job)
    {
        json.WriteStartObject();
        json.WriteString("id", job.Id);
        json.WriteString("status", job.Status.Value);
        json.WriteString("model", job.Model);
        json.WriteString("fineTunedModel", job.FineTunedModel);
        json.WriteString("createdAt", job.CreatedAt);
        if (job.FinishedAt is { } finished)
        {
            json.WriteString("finishedAt", finished);
        }

        WriteNullable(json, "trainedTokens", job.TrainedTokens);
        json.WriteEndObject();
    }

    public static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
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
