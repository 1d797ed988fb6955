using System.Text.Json;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Validation;

/// <summary>
/// Maps examples to and from OpenAI's JSONL line format for the validator: a <c>Dataset</c> is written line by line so
/// that datasets and files go through the same checks, and a file's lines are read back for custom rules.
/// </summary>
internal static class ExampleJson
{
    public static void Write(Utf8JsonWriter writer, DatasetExample example)
    {
        writer.WriteStartObject();
        switch (example)
        {
            case TrainingExample training:
                WriteMessages(writer, "messages", training.Messages);
                WriteTools(writer, training.Tools);
                if (training.ParallelToolCalls is { } parallel)
                {
                    writer.WriteBoolean("parallel_tool_calls", parallel);
                }

                break;
            case PreferenceExample preference:
                writer.WriteStartObject("input");
                WriteMessages(writer, "messages", preference.InputMessages);
                WriteTools(writer, preference.InputTools);
                if (preference.ParallelToolCalls is { } inputParallel)
                {
                    writer.WriteBoolean("parallel_tool_calls", inputParallel);
                }

                writer.WriteEndObject();
                WriteMessages(writer, "preferred_output", preference.PreferredOutput);
                WriteMessages(writer, "non_preferred_output", preference.NonPreferredOutput);
                break;
        }

        writer.WriteEndObject();
    }

    public static DatasetExample? Read(JsonElement root, TrainingMethod method, string? category)
    {
        if (method == TrainingMethod.Dpo)
        {
            if (!root.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new PreferenceExample
            {
                InputMessages = ReadMessages(input, "messages"),
                InputTools = ReadTools(input),
                ParallelToolCalls = ReadBool(input, "parallel_tool_calls"),
                PreferredOutput = ReadMessages(root, "preferred_output"),
                NonPreferredOutput = ReadMessages(root, "non_preferred_output"),
                Category = category,
            };
        }

        return new TrainingExample
        {
            Messages = ReadMessages(root, "messages"),
            Tools = ReadTools(root),
            ParallelToolCalls = ReadBool(root, "parallel_tool_calls"),
            Category = category,
        };
    }

    private static void WriteMessages(Utf8JsonWriter writer, string name, IReadOnlyList<TrainingMessage> messages)
    {
        writer.WriteStartArray(name);
        foreach (var message in messages)
        {
            writer.WriteStartObject();
            writer.WriteString("role", TokenCounter.RoleName(message.Role));
            if (message.Content is not null)
            {
                writer.WriteString("content", message.Content);
            }
            else if (message.ContentParts is not null)
            {
                writer.WriteStartArray("content");
                foreach (var part in message.ContentParts)
                {
                    writer.WriteStartObject();
                    if (part is TextContentPart text)
                    {
                        writer.WriteString("type", "text");
                        writer.WriteString("text", text.Text);
                    }
                    else if (part is ImageContentPart image)
                    {
                        writer.WriteString("type", "image_url");
                        writer.WriteStartObject("image_url");
                        writer.WriteString("url", image.Url);
                        if (image.Detail is { } detail)
                        {
                            writer.WriteString("detail", detail.ToString().ToLowerInvariant());
                        }

                        writer.WriteEndObject();
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            if (message.Name is not null)
            {
                writer.WriteString("name", message.Name);
            }

            if (message.Weight is { } weight)
            {
                writer.WriteNumber("weight", weight);
            }

            if (message.ToolCalls is not null)
            {
                writer.WriteStartArray("tool_calls");
                foreach (var call in message.ToolCalls)
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", call.Id);
                    writer.WriteString("type", "function");
                    writer.WriteStartObject("function");
                    writer.WriteString("name", call.FunctionName);
                    writer.WriteString("arguments", call.Arguments);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            if (message.Refusal is not null)
            {
                writer.WriteString("refusal", message.Refusal);
            }

            if (message.ToolCallId is not null)
            {
                writer.WriteString("tool_call_id", message.ToolCallId);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteTools(Utf8JsonWriter writer, IReadOnlyList<ToolDefinition>? tools)
    {
        if (tools is null)
        {
            return;
        }

        writer.WriteStartArray("tools");
        foreach (var tool in tools)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", tool.Name);
            if (tool.Description is not null)
            {
                writer.WriteString("description", tool.Description);
            }

            if (tool.ParametersJson is not null)
            {
                writer.WritePropertyName("parameters");
                if (IsJson(tool.ParametersJson))
                {
                    writer.WriteRawValue(tool.ParametersJson, skipInputValidation: true);
                }
                else
                {
                    writer.WriteStringValue(tool.ParametersJson);
                }
            }

            if (tool.Strict is { } strict)
            {
                writer.WriteBoolean("strict", strict);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static List<TrainingMessage> ReadMessages(JsonElement parent, string name)
    {
        var list = new List<TrainingMessage>();
        if (!parent.TryGetProperty(name, out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return list;
        }

        foreach (var element in messages.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var role = ReadString(element, "role") switch
            {
                "system" => MessageRole.System,
                "developer" => MessageRole.Developer,
                "assistant" => MessageRole.Assistant,
                "tool" => MessageRole.Tool,
                _ => MessageRole.User,
            };
            string? content = null;
            List<ContentPart>? parts = null;
            if (element.TryGetProperty("content", out var contentElement))
            {
                if (contentElement.ValueKind == JsonValueKind.String)
                {
                    content = contentElement.GetString();
                }
                else if (contentElement.ValueKind == JsonValueKind.Array)
                {
                    parts = [];
                    foreach (var part in contentElement.EnumerateArray())
                    {
                        if (ReadString(part, "text") is { } text)
                        {
                            parts.Add(new TextContentPart(text));
                        }
                        else if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("image_url", out var image) && ReadString(image, "url") is { } url)
                        {
                            parts.Add(new ImageContentPart(url));
                        }
                    }
                }
            }

            List<ToolCall>? calls = null;
            if (element.TryGetProperty("tool_calls", out var callsElement) && callsElement.ValueKind == JsonValueKind.Array)
            {
                calls = [];
                foreach (var call in callsElement.EnumerateArray())
                {
                    if (call.ValueKind == JsonValueKind.Object && call.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object)
                    {
                        calls.Add(new ToolCall(ReadString(call, "id") ?? string.Empty, ReadString(function, "name") ?? string.Empty, ReadString(function, "arguments") ?? string.Empty));
                    }
                }
            }

            list.Add(new TrainingMessage
            {
                Role = role,
                Content = content,
                ContentParts = parts,
                Name = ReadString(element, "name"),
                Weight = element.TryGetProperty("weight", out var weight) && weight.ValueKind == JsonValueKind.Number && weight.TryGetInt32(out var w) ? w : null,
                ToolCalls = calls,
                Refusal = ReadString(element, "refusal"),
                ToolCallId = ReadString(element, "tool_call_id"),
            });
        }

        return list;
    }

    private static List<ToolDefinition>? ReadTools(JsonElement parent)
    {
        if (!parent.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<ToolDefinition>();
        foreach (var tool in tools.EnumerateArray())
        {
            if (tool.ValueKind == JsonValueKind.Object && tool.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object)
            {
                list.Add(new ToolDefinition(
                    ReadString(function, "name") ?? string.Empty,
                    ReadString(function, "description"),
                    function.TryGetProperty("parameters", out var parameters) ? parameters.GetRawText() : null,
                    ReadBool(function, "strict")));
            }
        }

        return list;
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool? ReadBool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;
}
