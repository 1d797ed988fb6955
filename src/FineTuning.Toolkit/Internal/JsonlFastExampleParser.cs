using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Internal;

/// <summary>
/// The fast path of <see cref="JsonlExampleParser"/>: one forward pass with <see cref="Utf8JsonReader"/>, no document.
/// It only maps lines that are plainly valid; on anything unexpected (a wrong type, a missing or duplicate field, invalid
/// or too deep JSON) it returns <see langword="null"/> and the document-based parser decides and explains the error.
/// </summary>
internal static class JsonlFastExampleParser
{
    /// <summary>Maps a valid line, or returns <see langword="null"/> to defer to the document-based parser.</summary>
    /// <param name="line">The line, already checked to be valid UTF-8.</param>
    /// <param name="maxDepth">The deepest nesting accepted.</param>
    /// <returns>The example, or <see langword="null"/>.</returns>
    public static DatasetExample? TryParse(ReadOnlySpan<byte> line, int maxDepth)
    {
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = maxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var example = ReadRoot(ref reader, line);

            // Anything but white space after the object is invalid JSON (Read throws), which the slow path reports.
            return example is null || reader.Read() ? null : example;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static DatasetExample? ReadRoot(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        ImmutableArray<TrainingMessage>? messages = null, inputMessages = null, preferred = null, nonPreferred = null;
        ImmutableArray<ToolDefinition>? tools = null, inputTools = null;
        bool? parallel = null, inputParallel = null;
        string? category = null;
        ImmutableArray<string>? tags = null;
        bool hasInput = false, hasMetadata = false;
        var seen = 0;
        while (Next(ref reader))
        {
            if (reader.ValueTextEquals("messages"u8))
            {
                if (!Once(ref seen, 1) || !reader.Read() || (messages = ReadMessages(ref reader)) is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("tools"u8))
            {
                if (!Once(ref seen, 2) || !reader.Read() || !ReadTools(ref reader, line, out tools))
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("parallel_tool_calls"u8))
            {
                if (!Once(ref seen, 4) || !reader.Read() || !ReadBool(ref reader, out parallel))
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("input"u8))
            {
                if (!Once(ref seen, 8) || !reader.Read()
                    || !ReadInput(ref reader, line, out inputMessages, out inputTools, out inputParallel))
                {
                    return null;
                }

                hasInput = true;
            }
            else if (reader.ValueTextEquals("preferred_output"u8))
            {
                if (!Once(ref seen, 16) || !reader.Read() || (preferred = ReadMessages(ref reader)) is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("non_preferred_output"u8))
            {
                if (!Once(ref seen, 32) || !reader.Read() || (nonPreferred = ReadMessages(ref reader)) is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals(JsonlWriterOptions.MetadataPropertyName))
            {
                if (!Once(ref seen, 64) || !reader.Read() || !ReadMetadata(ref reader, out hasMetadata, out category, out tags))
                {
                    return null;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        DatasetExample example;
        if (messages is { } chat)
        {
            example = new TrainingExample { Messages = chat, Tools = tools, ParallelToolCalls = parallel };
        }
        else if (hasInput && inputMessages is { } input && preferred is { } good && nonPreferred is { } bad)
        {
            example = new PreferenceExample
            {
                InputMessages = input,
                InputTools = inputTools,
                ParallelToolCalls = inputParallel,
                PreferredOutput = good,
                NonPreferredOutput = bad,
            };
        }
        else
        {
            return null;
        }

        return hasMetadata ? example with { Category = category, Tags = tags ?? [] } : example;
    }

    private static bool ReadInput(
        ref Utf8JsonReader reader,
        ReadOnlySpan<byte> line,
        out ImmutableArray<TrainingMessage>? messages,
        out ImmutableArray<ToolDefinition>? tools,
        out bool? parallel)
    {
        messages = null;
        tools = null;
        parallel = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var seen = 0;
        while (Next(ref reader))
        {
            if (reader.ValueTextEquals("messages"u8))
            {
                if (!Once(ref seen, 1) || !reader.Read() || (messages = ReadMessages(ref reader)) is null)
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("tools"u8))
            {
                if (!Once(ref seen, 2) || !reader.Read() || !ReadTools(ref reader, line, out tools))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("parallel_tool_calls"u8))
            {
                if (!Once(ref seen, 4) || !reader.Read() || !ReadBool(ref reader, out parallel))
                {
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return messages is not null;
    }

    private static ImmutableArray<TrainingMessage>? ReadMessages(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var builder = ImmutableArray.CreateBuilder<TrainingMessage>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (ReadMessage(ref reader) is not { } message)
            {
                return null;
            }

            builder.Add(message);
        }

        return builder.DrainToImmutable();
    }

    private static TrainingMessage? ReadMessage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        MessageRole? role = null;
        string? content = null, name = null, refusal = null, toolCallId = null;
        ImmutableArray<ContentPart>? parts = null;
        ImmutableArray<ToolCall>? toolCalls = null;
        int? weight = null;
        var seen = 0;
        while (Next(ref reader))
        {
            if (reader.ValueTextEquals("role"u8))
            {
                if (!Once(ref seen, 1) || !reader.Read() || reader.TokenType != JsonTokenType.String || (role = Role(ref reader)) is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("content"u8))
            {
                if (!Once(ref seen, 2) || !reader.Read())
                {
                    return null;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        content = reader.GetString();
                        break;
                    case JsonTokenType.StartArray:
                        if ((parts = ReadParts(ref reader)) is null)
                        {
                            return null;
                        }

                        break;
                    case JsonTokenType.Null:
                        break;
                    default:
                        return null;
                }
            }
            else if (reader.ValueTextEquals("weight"u8))
            {
                if (!Once(ref seen, 4) || !reader.Read())
                {
                    return null;
                }

                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var w))
                {
                    weight = w;
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                if (!Once(ref seen, 8) || !reader.Read() || !ReadString(ref reader, out name))
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                if (!Once(ref seen, 16) || !reader.Read())
                {
                    return null;
                }

                if (reader.TokenType != JsonTokenType.Null && (toolCalls = ReadToolCalls(ref reader)) is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("refusal"u8))
            {
                if (!Once(ref seen, 32) || !reader.Read() || !ReadString(ref reader, out refusal))
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("tool_call_id"u8))
            {
                if (!Once(ref seen, 64) || !reader.Read() || !ReadString(ref reader, out toolCallId))
                {
                    return null;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return role is { } r
            ? new TrainingMessage
            {
                Role = r,
                Content = content,
                ContentParts = parts,
                Name = name,
                Weight = weight,
                ToolCalls = toolCalls,
                Refusal = refusal,
                ToolCallId = toolCallId,
            }
            : null;
    }

    private static MessageRole? Role(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("user"u8) ? MessageRole.User
        : reader.ValueTextEquals("assistant"u8) ? MessageRole.Assistant
        : reader.ValueTextEquals("system"u8) ? MessageRole.System
        : reader.ValueTextEquals("developer"u8) ? MessageRole.Developer
        : reader.ValueTextEquals("tool"u8) ? MessageRole.Tool
        : null;

    private static ImmutableArray<ContentPart>? ReadParts(ref Utf8JsonReader reader)
    {
        var builder = ImmutableArray.CreateBuilder<ContentPart>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? type = null, text = null, url = null;
            ImageDetail? detail = null;
            var hasImage = false;
            var seen = 0;
            while (Next(ref reader))
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    if (!Once(ref seen, 1) || !reader.Read() || !ReadString(ref reader, out type))
                    {
                        return null;
                    }
                }
                else if (reader.ValueTextEquals("text"u8))
                {
                    if (!Once(ref seen, 2) || !reader.Read() || !ReadString(ref reader, out text))
                    {
                        return null;
                    }
                }
                else if (reader.ValueTextEquals("image_url"u8))
                {
                    if (!Once(ref seen, 4) || !reader.Read() || !ReadImage(ref reader, out url, out detail))
                    {
                        return null;
                    }

                    hasImage = true;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (type == "text" && text is not null)
            {
                builder.Add(new TextContentPart(text));
            }
            else if (type == "image_url" && hasImage && url is not null)
            {
                builder.Add(new ImageContentPart(url, detail));
            }
            else
            {
                return null;
            }
        }

        return builder.DrainToImmutable();
    }

    private static bool ReadImage(ref Utf8JsonReader reader, out string? url, out ImageDetail? detail)
    {
        url = null;
        detail = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var seen = 0;
        while (Next(ref reader))
        {
            if (reader.ValueTextEquals("url"u8))
            {
                if (!Once(ref seen, 1) || !reader.Read() || !ReadString(ref reader, out url))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("detail"u8))
            {
                if (!Once(ref seen, 2) || !reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    detail = reader.ValueTextEquals("auto"u8) ? ImageDetail.Auto
                        : reader.ValueTextEquals("low"u8) ? ImageDetail.Low
                        : reader.ValueTextEquals("high"u8) ? ImageDetail.High
                        : null;
                    if (detail is null)
                    {
                        return false;
                    }
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return true;
    }

    private static ImmutableArray<ToolCall>? ReadToolCalls(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var builder = ImmutableArray.CreateBuilder<ToolCall>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? id = null, name = null, arguments = null;
            var hasFunction = false;
            var seen = 0;
            while (Next(ref reader))
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    if (!Once(ref seen, 1) || !reader.Read() || !ReadString(ref reader, out id))
                    {
                        return null;
                    }
                }
                else if (reader.ValueTextEquals("type"u8))
                {
                    if (!Once(ref seen, 2) || !reader.Read() || !ReadFunctionType(ref reader))
                    {
                        return null;
                    }
                }
                else if (reader.ValueTextEquals("function"u8))
                {
                    if (!Once(ref seen, 4) || !reader.Read() || !ReadCalledFunction(ref reader, out name, out arguments))
                    {
                        return null;
                    }

                    hasFunction = true;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (id is null || !hasFunction || name is null || arguments is null)
            {
                return null;
            }

            builder.Add(new ToolCall(id, name, arguments));
        }

        return builder.DrainToImmutable();
    }

    private static bool ReadCalledFunction(ref Utf8JsonReader reader, out string? name, out string? arguments)
    {
        name = null;
        arguments = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var seen = 0;
        while (Next(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                if (!Once(ref seen, 1) || !reader.Read() || !ReadString(ref reader, out name))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                if (!Once(ref seen, 2) || !reader.Read() || !ReadString(ref reader, out arguments))
                {
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return true;
    }

    private static bool ReadTools(ref Utf8JsonReader reader, ReadOnlySpan<byte> line, out ImmutableArray<ToolDefinition>? tools)
    {
        tools = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var builder = ImmutableArray.CreateBuilder<ToolDefinition>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            ToolDefinition? tool = null;
            var seen = 0;
            while (Next(ref reader))
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    if (!Once(ref seen, 1) || !reader.Read() || !ReadFunctionType(ref reader))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("function"u8))
                {
                    if (!Once(ref seen, 2) || !reader.Read() || (tool = ReadToolFunction(ref reader, line)) is null)
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (tool is null)
            {
                return false;
            }

            builder.Add(tool);
        }

        tools = builder.DrainToImmutable();
        return true;
    }

    private static ToolDefinition? ReadToolFunction(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? name = null, description = null, parameters = null;
        bool? strict = null;
        var seen = 0;
        while (Next(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                if (!Once(ref seen, 1) || !reader.Read() || !ReadString(ref reader, out name))
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("description"u8))
            {
                if (!Once(ref seen, 2) || !reader.Read() || !ReadString(ref reader, out description))
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("parameters"u8))
            {
                if (!Once(ref seen, 4) || !reader.Read())
                {
                    return null;
                }

                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    parameters = Encoding.UTF8.GetString(line[start..(int)reader.BytesConsumed]);
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("strict"u8))
            {
                if (!Once(ref seen, 8) || !reader.Read() || !ReadBool(ref reader, out strict))
                {
                    return null;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return name is null ? null : new ToolDefinition(name, description, parameters, strict);
    }

    private static bool ReadMetadata(ref Utf8JsonReader reader, out bool present, out string? category, out ImmutableArray<string>? tags)
    {
        present = false;
        category = null;
        tags = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        present = true;
        var seen = 0;
        while (Next(ref reader))
        {
            if (reader.ValueTextEquals("category"u8))
            {
                if (!Once(ref seen, 1) || !reader.Read() || !ReadString(ref reader, out category))
                {
                    return false;
                }
            }
            else if (reader.ValueTextEquals("tags"u8))
            {
                if (!Once(ref seen, 2) || !reader.Read())
                {
                    return false;
                }

                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    var builder = ImmutableArray.CreateBuilder<string>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.String)
                        {
                            return false;
                        }

                        builder.Add(reader.GetString()!);
                    }

                    tags = builder.DrainToImmutable();
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    return false;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return true;
    }

    // Moves to the next property name of the current object; false at its end.
    private static bool Next(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    // Records that a property was seen; false for a duplicate, which the slow path handles.
    private static bool Once(ref int seen, int flag)
    {
        if ((seen & flag) != 0)
        {
            return false;
        }

        seen |= flag;
        return true;
    }

    private static bool ReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.String)
        {
            value = reader.GetString();
            return true;
        }

        return reader.TokenType == JsonTokenType.Null;
    }

    private static bool ReadBool(ref Utf8JsonReader reader, out bool? value)
    {
        value = reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => null,
        };
        return value is not null || reader.TokenType == JsonTokenType.Null;
    }

    private static bool ReadFunctionType(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null
        || (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("function"u8));
}
