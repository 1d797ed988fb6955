using System.Text.Json;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Comparison.Execution;

/// <summary>Canonical JSON descriptions of requests, hashed into stable cache and resume keys.</summary>
internal static class RequestKeys
{
    public static string ForModel(string modelName, IReadOnlyList<ChatMessage> messages, ChatOptions options, int repeat) =>
        DiskCache.ComputeKey(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "model");
            writer.WriteString("model", modelName);
            writer.WriteNumber("repeat", repeat);
            WriteMessages(writer, messages);
            WriteOptions(writer, options);
            writer.WriteEndObject();
        });

    public static string ForPair(string judgeKey, string caseId, int repeat, string modelA, string textA, string modelB, string textB) =>
        DiskCache.ComputeKey(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "pairwise");
            writer.WriteString("judge", judgeKey);
            writer.WriteString("case", caseId);
            writer.WriteNumber("repeat", repeat);
            writer.WriteString("a", modelA);
            writer.WriteString("textA", textA);
            writer.WriteString("b", modelB);
            writer.WriteString("textB", textB);
            writer.WriteEndObject();
        });

    public static void WriteMessages(Utf8JsonWriter writer, IReadOnlyList<ChatMessage> messages)
    {
        writer.WriteStartArray("messages");
        foreach (var message in messages)
        {
            writer.WriteStartObject();
            writer.WriteString("role", message.Role.Value);
            writer.WriteString("text", message.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    public static void WriteOptions(Utf8JsonWriter writer, ChatOptions options)
    {
        writer.WriteStartObject("options");
        if (options.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature", temperature);
        }

        if (options.Seed is { } seed)
        {
            writer.WriteNumber("seed", seed);
        }

        if (options.MaxOutputTokens is { } maxTokens)
        {
            writer.WriteNumber("maxOutputTokens", maxTokens);
        }

        if (options.ModelId is { } modelId)
        {
            writer.WriteString("modelId", modelId);
        }

        writer.WriteEndObject();
    }
}
