using System.Text.Json;
using FineTuning.Toolkit.Comparison.Scorers;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>Writes and reads a <see cref="Score"/> as a JSON object.</summary>
internal static class ScoreJson
{
    public static void Write(Utf8JsonWriter writer, Score score)
    {
        writer.WriteStartObject();
        writer.WriteString("criterion", score.Criterion);
        writer.WriteString("outcome", score.Outcome.ToString());
        writer.WriteString("reason", score.Reason);
        if (score.Label is not null)
        {
            writer.WriteString("label", score.Label);
        }

        if (score.Value is { } value)
        {
            writer.WriteNumber("value", value);
        }

        writer.WriteEndObject();
    }

    public static Score Read(JsonElement element) => new(
        element.GetProperty("criterion").GetString()!,
        Enum.Parse<ScoreOutcome>(element.GetProperty("outcome").GetString()!),
        element.GetProperty("reason").GetString() ?? string.Empty,
        element.TryGetProperty("label", out var label) ? label.GetString() : null,
        element.TryGetProperty("value", out var value) ? value.GetDouble() : null);
}
