using System.Text.Json;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>Writes the properties of a <see cref="CaseResult"/>: shared by the results journal and the JSON report.</summary>
internal static class CaseResultJson
{
    /// <summary>Writes the result's properties into the object the writer is in.</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="result">The result.</param>
    /// <param name="responseProperty">The name of the answer's property (<c>text</c> in the journal, <c>response</c> in the report).</param>
    /// <param name="includeResumed">Whether to write <c>resumed</c> (the report does; the journal records only fresh answers).</param>
    public static void WriteProperties(Utf8JsonWriter writer, CaseResult result, string responseProperty, bool includeResumed)
    {
        writer.WriteString("model", result.Model);
        writer.WriteString("case", result.CaseId);
        writer.WriteNumber("repeat", result.Repeat);
        writer.WriteString(responseProperty, result.Response);
        if (result.Error is not null)
        {
            writer.WriteString("error", result.Error);
        }

        writer.WriteNumber("latencyMs", result.LatencyMilliseconds);
        if (result.InputTokens is { } input)
        {
            writer.WriteNumber("inputTokens", input);
        }

        if (result.OutputTokens is { } output)
        {
            writer.WriteNumber("outputTokens", output);
        }

        writer.WriteBoolean("fromCache", result.FromCache);
        if (includeResumed)
        {
            writer.WriteBoolean("resumed", result.Resumed);
        }

        writer.WriteStartArray("scores");
        foreach (var score in result.Scores)
        {
            ScoreJson.Write(writer, score);
        }

        writer.WriteEndArray();
    }
}
