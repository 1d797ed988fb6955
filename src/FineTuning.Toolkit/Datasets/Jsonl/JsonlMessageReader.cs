using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>
/// The rules of a valid message, written once: a message is an object with a known <c>role</c>; <c>content</c> is a
/// string, a list of text / image parts, or null; <c>weight</c> an integer; <c>name</c>, <c>refusal</c> and
/// <c>tool_call_id</c> strings; <c>tool_calls</c> a list of <c>function</c> calls with an id, a name and string
/// arguments (tool definitions: <see cref="JsonlToolReader"/>). Unknown keys are ignored; on duplicate keys the last one
/// wins.
/// </summary>
internal static class JsonlMessageReader
{
    /// <summary>Reads the array of messages at the path's top segment, then pops that segment.</summary>
    public static ImmutableArray<TrainingMessage> ReadMessages(ref Utf8JsonReader reader, JsonlPath path)
    {
        JsonlValues.Expect(ref reader, JsonTokenType.StartArray, path);
        var builder = ImmutableArray.CreateBuilder<TrainingMessage>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            builder.Add(ReadMessage(ref reader, path.Push(builder.Count)));
            path.Pop();
        }

        path.Pop();
        return builder.DrainToImmutable();
    }

    /// <summary>As <see cref="ReadMessages"/>, with JSON null read as <see langword="null"/> (a missing list).</summary>
    public static ImmutableArray<TrainingMessage>? ReadMessagesOrNull(ref Utf8JsonReader reader, JsonlPath path)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            path.Pop();
            return null;
        }

        return ReadMessages(ref reader, path);
    }

    private static TrainingMessage ReadMessage(ref Utf8JsonReader reader, JsonlPath path)
    {
        JsonlValues.Expect(ref reader, JsonTokenType.StartObject, path);
        var message = default(MessageFields);
        while (JsonlValues.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("role"u8))
            {
                reader.Read();
                message.Role = ReadRole(ref reader, path);
            }
            else if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                ReadContent(ref reader, path, ref message);
            }
            else if (reader.ValueTextEquals("weight"u8))
            {
                reader.Read();
                message.Weight = ReadWeight(ref reader, path);
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                message.Name = JsonlValues.String(ref reader, path, "name");
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                message.ToolCalls = reader.TokenType == JsonTokenType.Null ? null : ReadToolCalls(ref reader, path);
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                reader.Read();
                message.Refusal = JsonlValues.String(ref reader, path, "refusal");
            }
            else if (reader.ValueTextEquals("tool_call_id"u8))
            {
                reader.Read();
                message.ToolCallId = JsonlValues.String(ref reader, path, "tool_call_id");
            }
            else
            {
                JsonlValues.SkipValue(ref reader);
            }
        }

        return new TrainingMessage
        {
            Role = message.Role ?? throw JsonlValues.Missing(path, "role"),
            Content = message.Content,
            ContentParts = message.Parts,
            Name = message.Name,
            Weight = message.Weight,
            ToolCalls = message.ToolCalls,
            Refusal = message.Refusal,
            ToolCallId = message.ToolCallId,
        };
    }

    private static ChatRole? ReadRole(ref Utf8JsonReader reader, JsonlPath path)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw JsonlValues.WrongType(path, "role", "a string", reader.TokenType);
        }

        return reader.ValueTextEquals("user"u8) ? ChatRole.User
            : reader.ValueTextEquals("assistant"u8) ? ChatRole.Assistant
            : reader.ValueTextEquals("system"u8) ? ChatRole.System
            : reader.ValueTextEquals("developer"u8) ? KnownRoles.Developer
            : reader.ValueTextEquals("tool"u8) ? ChatRole.Tool
            : throw new JsonlMappingException(JsonlErrorCodes.InvalidValue, path.Format("role"),
                $"unknown role '{JsonlValues.String(ref reader, path, "role")}' (expected system, developer, user, assistant or tool).");
    }

    private static void ReadContent(ref Utf8JsonReader reader, JsonlPath path, ref MessageFields message)
    {
        message.Content = null;
        message.Parts = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                message.Content = JsonlValues.String(ref reader, path, "content");
                break;
            case JsonTokenType.StartArray:
                message.Parts = ReadParts(ref reader, path.Push("content"));
                path.Pop();
                break;
            case JsonTokenType.Null:
                break;
            default:
                throw JsonlValues.WrongType(path, "content", "a string, an array of content parts or null", reader.TokenType);
        }
    }

    private static int? ReadWeight(ref Utf8JsonReader reader, JsonlPath path)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var weight)
            ? weight
            : throw JsonlValues.WrongType(path, "weight", "an integer (0 or 1)", reader.TokenType);
    }

    private static ImmutableArray<ContentPart> ReadParts(ref Utf8JsonReader reader, JsonlPath path)
    {
        var builder = ImmutableArray.CreateBuilder<ContentPart>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            JsonlValues.Expect(ref reader, JsonTokenType.StartObject, path.Push(builder.Count));
            string? type = null, text = null, url = null;
            string? detail = null;
            var hasImage = false;
            while (JsonlValues.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = JsonlValues.String(ref reader, path, "type");
                }
                else if (reader.ValueTextEquals("text"u8))
                {
                    reader.Read();
                    text = JsonlValues.String(ref reader, path, "text");
                }
                else if (reader.ValueTextEquals("image_url"u8))
                {
                    reader.Read();
                    hasImage = reader.TokenType != JsonTokenType.Null;
                    if (hasImage)
                    {
                        ReadImage(ref reader, path.Push("image_url"), out url, out detail);
                    }
                }
                else
                {
                    JsonlValues.SkipValue(ref reader);
                }
            }

            builder.Add(type switch
            {
                null => throw JsonlValues.Missing(path, "type"),
                "text" => ContentPart.FromText(text ?? throw JsonlValues.Missing(path, "text")),
                "image_url" => hasImage ? ContentPart.FromImageUrl(url!, detail) : throw JsonlValues.Missing(path, "image_url"),
                _ => throw new JsonlMappingException(JsonlErrorCodes.InvalidValue, path.Format("type"),
                    $"unknown content part type '{type}' (expected text or image_url)."),
            });
            path.Pop();
        }

        return builder.DrainToImmutable();
    }

    // Reads the image object at the path's top segment, then pops that segment.
    private static void ReadImage(ref Utf8JsonReader reader, JsonlPath path, out string url, out string? detail)
    {
        JsonlValues.Expect(ref reader, JsonTokenType.StartObject, path);
        string? found = null;
        detail = null;
        while (JsonlValues.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("url"u8))
            {
                reader.Read();
                found = JsonlValues.String(ref reader, path, "url");
            }
            else if (reader.ValueTextEquals("detail"u8))
            {
                reader.Read();
                var value = JsonlValues.String(ref reader, path, "detail");
                detail = value is null or "auto" or "low" or "high" ? value : throw new JsonlMappingException(JsonlErrorCodes.InvalidValue, path.Format("detail"),
                    $"unknown detail '{value}' (expected auto, low or high).");
            }
            else
            {
                JsonlValues.SkipValue(ref reader);
            }
        }

        url = found ?? throw JsonlValues.Missing(path, "url");
        path.Pop();
    }

    private static ImmutableArray<ToolCall> ReadToolCalls(ref Utf8JsonReader reader, JsonlPath path)
    {
        JsonlValues.Expect(ref reader, JsonTokenType.StartArray, path.Push("tool_calls"));
        var builder = ImmutableArray.CreateBuilder<ToolCall>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            JsonlValues.Expect(ref reader, JsonTokenType.StartObject, path.Push(builder.Count));
            string? id = null, name = null, arguments = null;
            var hasFunction = false;
            while (JsonlValues.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = JsonlValues.String(ref reader, path, "id");
                }
                else if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    JsonlValues.FunctionType(ref reader, path);
                }
                else if (reader.ValueTextEquals("function"u8))
                {
                    reader.Read();
                    hasFunction = reader.TokenType != JsonTokenType.Null;
                    if (hasFunction)
                    {
                        ReadCalledFunction(ref reader, path.Push("function"), out name, out arguments);
                    }
                }
                else
                {
                    JsonlValues.SkipValue(ref reader);
                }
            }

            builder.Add(new ToolCall(
                id ?? throw JsonlValues.Missing(path, "id"),
                hasFunction ? name! : throw JsonlValues.Missing(path, "function"),
                arguments!));
            path.Pop();
        }

        path.Pop();
        return builder.DrainToImmutable();
    }

    // Reads the function object at the path's top segment, then pops that segment.
    private static void ReadCalledFunction(ref Utf8JsonReader reader, JsonlPath path, out string name, out string arguments)
    {
        JsonlValues.Expect(ref reader, JsonTokenType.StartObject, path);
        string? foundName = null, foundArguments = null;
        while (JsonlValues.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                foundName = JsonlValues.String(ref reader, path, "name");
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                reader.Read();
                foundArguments = JsonlValues.String(ref reader, path, "arguments");
            }
            else
            {
                JsonlValues.SkipValue(ref reader);
            }
        }

        name = foundName ?? throw JsonlValues.Missing(path, "name");
        arguments = foundArguments ?? throw JsonlValues.Missing(path, "arguments");
        path.Pop();
    }

    /// <summary>The fields of one message, gathered before the message is built.</summary>
    private struct MessageFields
    {
        public ChatRole? Role;
        public string? Content;
        public ImmutableArray<ContentPart>? Parts;
        public int? Weight;
        public string? Name;
        public ImmutableArray<ToolCall>? ToolCalls;
        public string? Refusal;
        public string? ToolCallId;
    }
}
