using System.Runtime.CompilerServices;
using System.Text.Json;

namespace FineTuning.Toolkit.Datasets.Jsonl;

/// <summary>
/// The rules of a valid message, written once: a message is an object with a known <c>role</c>; <c>content</c> is a
/// string, a list of text / image parts, or null; <c>weight</c> an integer; <c>name</c>, <c>refusal</c> and
/// <c>tool_call_id</c> strings; <c>tool_calls</c> a list of <c>function</c> calls with an id, a name and string
/// arguments (tool definitions: <see cref="JsonlToolReader"/>). Unknown keys are ignored by the format (and listed in
/// the facts); on duplicate keys the last one wins. A break of a rule is recorded on the <see cref="JsonlLine"/> and
/// reading goes on.
/// </summary>
internal static class JsonlMessageReader
{
    /// <summary>Reads the message list the reader is on into <paramref name="list"/>; JSON null is a missing list when
    /// <paramref name="nullable"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReadMessages(ref Utf8JsonReader reader, JsonlLine line, JsonlMessageList list, string name, bool nullable)
    {
        list.Reset(reader.TokenType);
        var path = line.Path.Push(name);
        if ((nullable && reader.TokenType == JsonTokenType.Null) || !JsonlValues.Expect(ref reader, JsonTokenType.StartArray, line))
        {
            path.Pop();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            path.Push(list.Count);
            ReadMessage(ref reader, line, list.Add(reader.TokenType));
            path.Pop();
        }

        path.Pop();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadMessage(ref Utf8JsonReader reader, JsonlLine line, JsonlMessage message)
    {
        if (!JsonlValues.Expect(ref reader, JsonTokenType.StartObject, line))
        {
            return;
        }

        while (JsonlValues.NextProperty(ref reader))
        {
            var key = KeyOf(ref reader);
            if (key == MessageKey.Unknown)
            {
                message.AddUnknownKey(JsonlValues.PropertyName(ref reader));
            }

            reader.Read();
            ReadValue(ref reader, line, message, key);
        }

        JsonlValues.Require(message.RoleKind == JsonTokenType.String, line, "role");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static MessageKey KeyOf(ref Utf8JsonReader reader) =>
        JsonlValues.Is(ref reader, "role"u8) ? MessageKey.Role
        : JsonlValues.Is(ref reader, "content"u8) ? MessageKey.Content
        : JsonlValues.Is(ref reader, "weight"u8) ? MessageKey.Weight
        : JsonlValues.Is(ref reader, "name"u8) ? MessageKey.Name
        : JsonlValues.Is(ref reader, "tool_calls"u8) ? MessageKey.ToolCalls
        : JsonlValues.Is(ref reader, "refusal"u8) ? MessageKey.Refusal
        : JsonlValues.Is(ref reader, "tool_call_id"u8) ? MessageKey.ToolCallId
        : JsonlValues.Is(ref reader, "function_call"u8) ? MessageKey.FunctionCall
        : MessageKey.Unknown;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadValue(ref Utf8JsonReader reader, JsonlLine line, JsonlMessage message, MessageKey key)
    {
        var token = reader.TokenType;
        switch (key)
        {
            case MessageKey.Role:
                message.RoleKind = token;
                message.Role = ReadRole(ref reader, line);
                break;
            case MessageKey.Content:
                ReadContent(ref reader, line, message);
                break;
            case MessageKey.Weight:
                ReadWeight(ref reader, line, message);
                break;
            case MessageKey.Name:
                message.NameKind = token;
                message.Name = JsonlValues.String(ref reader, line, "name");
                break;
            case MessageKey.ToolCalls:
                message.ToolCallsKind = token;
                message.ClearCalls();
                var start = JsonlValues.Start(ref reader);
                if (token != JsonTokenType.Null)
                {
                    JsonlCallReader.ReadToolCalls(ref reader, line, message.Calls);
                }

                message.ToolCallsSpan = new JsonlSpan(start, JsonlValues.End(ref reader));
                break;
            case MessageKey.Refusal:
                message.RefusalKind = token;
                message.Refusal = JsonlValues.String(ref reader, line, "refusal");
                break;
            case MessageKey.ToolCallId:
                message.ToolCallIdKind = token;
                message.ToolCallId = JsonlValues.String(ref reader, line, "tool_call_id");
                break;
            case MessageKey.FunctionCall:
                message.FunctionCallKind = token;
                JsonlCallReader.ReadFunctionCall(ref reader, message);
                break;
            default:
                reader.Skip();
                break;
        }
    }

    // The common roles are compared in place, without a string per message.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static string? ReadRole(ref Utf8JsonReader reader, JsonlLine line)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return JsonlValues.String(ref reader, line, "role");
        }

        var role = JsonlValues.Is(ref reader, "user"u8) ? "user"
            : JsonlValues.Is(ref reader, "assistant"u8) ? "assistant"
            : JsonlValues.Is(ref reader, "system"u8) ? "system"
            : JsonlValues.Is(ref reader, "developer"u8) ? "developer"
            : JsonlValues.Is(ref reader, "tool"u8) ? "tool"
            : null;
        if (role is not null)
        {
            return role;
        }

        role = JsonlValues.String(ref reader, line, "role")!;
        if (line.WantsError)
        {
            line.Fail(new JsonlError(JsonlErrorCodes.InvalidValue,
                $"unknown role '{role}' (expected system, developer, user, assistant or tool).", line.Path.Format("role")));
        }

        return role;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadContent(ref Utf8JsonReader reader, JsonlLine line, JsonlMessage message)
    {
        message.ContentKind = reader.TokenType;
        message.Content = default;
        message.ClearParts();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                // System prompts repeat on every line: read as the same string each time (which the caches downstream
                // recognise by reference). Other texts are decoded into the line's buffer, without a string each.
                message.Content = message.Role is "system" or "developer" && line.RepeatedStrings.Read(ref reader) is { } prompt
                    ? prompt.AsMemory()
                    : JsonlValues.BufferedText(ref reader, line, "content");
                break;
            case JsonTokenType.StartArray:
                line.Path.Push("content");
                JsonlPartReader.ReadParts(ref reader, line, message.Parts);
                line.Path.Pop();
                break;
            case JsonTokenType.Null:
                break;
            default:
                if (line.WantsError)
                {
                    line.Fail(JsonlValues.WrongType(line.Path, "content", "a string, an array of content parts or null", reader.TokenType));
                }

                reader.Skip();
                break;
        }
    }

    private static void ReadWeight(ref Utf8JsonReader reader, JsonlLine line, JsonlMessage message)
    {
        message.WeightKind = reader.TokenType;
        message.Weight = null;
        message.WeightValue = null;
        var start = JsonlValues.Start(ref reader);
        if (reader.TokenType == JsonTokenType.Number)
        {
            message.WeightValue = reader.TryGetDouble(out var value) ? value : null;
            message.Weight = reader.TryGetInt32(out var weight) ? weight : null;
        }

        if (reader.TokenType != JsonTokenType.Null && message.Weight is null && line.WantsError)
        {
            line.Fail(JsonlValues.WrongType(line.Path, "weight", "an integer (0 or 1)", reader.TokenType));
        }

        reader.Skip();
        message.WeightSpan = new JsonlSpan(start, JsonlValues.End(ref reader));
    }

    private enum MessageKey
    {
        Unknown,
        Role,
        Content,
        Weight,
        Name,
        ToolCalls,
        Refusal,
        ToolCallId,
        FunctionCall,
    }
}
