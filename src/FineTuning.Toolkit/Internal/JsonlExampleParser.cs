using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Internal;

/// <summary>
/// Maps one JSONL line (UTF-8 bytes) to a <see cref="DatasetExample"/>: OpenAI's chat format (<c>messages</c>, <c>tools</c>,
/// <c>parallel_tool_calls</c>) or its preference format (<c>input</c>, <c>preferred_output</c>, <c>non_preferred_output</c>),
/// plus the toolkit's metadata key. Never throws for bad input: the result is an example or a <see cref="JsonlError"/>.
/// </summary>
internal static class JsonlExampleParser
{
    /// <summary>Parses one line.</summary>
    /// <param name="line">The line's bytes, without terminator.</param>
    /// <param name="lineNumber">The 1-based line number, used in messages.</param>
    /// <param name="maxDepth">The deepest nesting accepted.</param>
    /// <param name="example">The example, when the line is valid.</param>
    /// <param name="error">The error, when it is not.</param>
    /// <returns><see langword="true"/> when <paramref name="example"/> was read.</returns>
    public static bool TryParse(ReadOnlyMemory<byte> line, int lineNumber, int maxDepth, out DatasetExample? example, out JsonlError? error)
    {
        example = null;
        error = null;
        var span = line.Span;
        if (!Utf8.IsValid(span))
        {
            var at = FirstInvalidUtf8Byte(span);
            error = new JsonlError(JsonlErrorCodes.InvalidUtf8, $"Line {lineNumber}: invalid UTF-8 at byte {at} of the line.");
            return false;
        }

        if (JsonlFastExampleParser.TryParse(span, maxDepth) is { } fast)
        {
            example = fast;
            return true;
        }

        return TryParseDocument(line, lineNumber, maxDepth, out example, out error);
    }

    /// <summary>The document-based parser: slower than the fast path, it explains every error with its field.</summary>
    internal static bool TryParseDocument(ReadOnlyMemory<byte> line, int lineNumber, int maxDepth, out DatasetExample? example, out JsonlError? error)
    {
        example = null;
        error = null;
        var span = line.Span;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException ex)
        {
            error = Depth(span) > maxDepth
                ? new JsonlError(JsonlErrorCodes.MaxDepthExceeded,
                    $"Line {lineNumber}: JSON nested deeper than the limit of {maxDepth} levels.")
                : new JsonlError(JsonlErrorCodes.InvalidJson,
                    $"Line {lineNumber}: invalid JSON at byte {ex.BytePositionInLine ?? 0}: {FirstSentence(ex.Message)}");
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = new JsonlError(JsonlErrorCodes.NotAnObject,
                    $"Line {lineNumber}: expected a JSON object, found {Describe(root.ValueKind)}.");
                return false;
            }

            try
            {
                example = ReadExample(root);
                return true;
            }
            catch (JsonlMappingException ex)
            {
                error = new JsonlError(ex.Code, $"Line {lineNumber}, field '{ex.Field}': {ex.Message}", ex.Field);
                return false;
            }
        }
    }

    private static DatasetExample ReadExample(JsonElement root)
    {
        var path = new JsonlPath();
        DatasetExample example;
        if (root.TryGetProperty("messages", out var messages))
        {
            example = new TrainingExample
            {
                Messages = ReadMessages(messages, path.Push("messages")),
                Tools = ReadTools(root, path),
                ParallelToolCalls = OptionalBool(root, "parallel_tool_calls", path),
            };
        }
        else if (root.TryGetProperty("input", out var input)
                 || root.TryGetProperty("preferred_output", out _)
                 || root.TryGetProperty("non_preferred_output", out _))
        {
            if (input.ValueKind == JsonValueKind.Undefined)
            {
                throw Missing(path, "input");
            }

            RequireKind(input, JsonValueKind.Object, path.Push("input"));
            var inputMessages = ReadMessages(Required(input, "messages", path), path.Push("messages"));
            var inputTools = ReadTools(input, path);
            var parallel = OptionalBool(input, "parallel_tool_calls", path);
            path.Pop();
            example = new PreferenceExample
            {
                InputMessages = inputMessages,
                InputTools = inputTools,
                ParallelToolCalls = parallel,
                PreferredOutput = ReadMessages(Required(root, "preferred_output", path), path.Push("preferred_output")),
                NonPreferredOutput = ReadMessages(Required(root, "non_preferred_output", path), path.Push("non_preferred_output")),
            };
        }
        else
        {
            throw new JsonlMappingException(JsonlErrorCodes.MissingField, "messages",
                "missing 'messages' (chat format) or 'input' / 'preferred_output' / 'non_preferred_output' (preference format).");
        }

        if (root.TryGetProperty(JsonlWriterOptions.MetadataPropertyName, out var metadata) && metadata.ValueKind != JsonValueKind.Null)
        {
            path.Clear();
            RequireKind(metadata, JsonValueKind.Object, path.Push(JsonlWriterOptions.MetadataPropertyName));
            example = example with
            {
                Category = OptionalString(metadata, "category", path),
                Tags = ReadStrings(metadata, "tags", path),
            };
        }

        return example;
    }

    // Reads the array at the path's top segment, then pops that segment.
    private static ImmutableArray<TrainingMessage> ReadMessages(JsonElement array, JsonlPath path)
    {
        RequireKind(array, JsonValueKind.Array, path);
        var builder = ImmutableArray.CreateBuilder<TrainingMessage>(array.GetArrayLength());
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            builder.Add(ReadMessage(item, path.Push(i++)));
            path.Pop();
        }

        path.Pop();
        return builder.MoveToImmutable();
    }

    private static TrainingMessage ReadMessage(JsonElement message, JsonlPath path)
    {
        RequireKind(message, JsonValueKind.Object, path);

        // One pass over the properties (a message has few); the last occurrence of a duplicate key wins.
        JsonElement roleElement = default, contentElement = default, nameElement = default, weightElement = default;
        JsonElement toolCallsElement = default, refusalElement = default, toolCallIdElement = default;
        foreach (var property in message.EnumerateObject())
        {
            if (property.NameEquals("role"u8))
            {
                roleElement = property.Value;
            }
            else if (property.NameEquals("content"u8))
            {
                contentElement = property.Value;
            }
            else if (property.NameEquals("weight"u8))
            {
                weightElement = property.Value;
            }
            else if (property.NameEquals("name"u8))
            {
                nameElement = property.Value;
            }
            else if (property.NameEquals("tool_calls"u8))
            {
                toolCallsElement = property.Value;
            }
            else if (property.NameEquals("refusal"u8))
            {
                refusalElement = property.Value;
            }
            else if (property.NameEquals("tool_call_id"u8))
            {
                toolCallIdElement = property.Value;
            }
        }

        if (roleElement.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            throw Missing(path, "role");
        }

        if (roleElement.ValueKind != JsonValueKind.String)
        {
            throw WrongType(path, "role", "a string", roleElement.ValueKind);
        }

        MessageRole role;
        if (roleElement.ValueEquals("user"u8))
        {
            role = MessageRole.User;
        }
        else if (roleElement.ValueEquals("assistant"u8))
        {
            role = MessageRole.Assistant;
        }
        else if (roleElement.ValueEquals("system"u8))
        {
            role = MessageRole.System;
        }
        else if (roleElement.ValueEquals("developer"u8))
        {
            role = MessageRole.Developer;
        }
        else if (roleElement.ValueEquals("tool"u8))
        {
            role = MessageRole.Tool;
        }
        else
        {
            throw new JsonlMappingException(JsonlErrorCodes.InvalidValue, path.Format("role"),
                $"unknown role '{Text(roleElement, path, "role")}' (expected system, developer, user, assistant or tool).");
        }

        string? content = null;
        ImmutableArray<ContentPart>? parts = null;
        switch (contentElement.ValueKind)
        {
            case JsonValueKind.String:
                content = Text(contentElement, path, "content");
                break;
            case JsonValueKind.Array:
                parts = ReadParts(contentElement, path.Push("content"));
                path.Pop();
                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            default:
                throw WrongType(path, "content", "a string, an array of content parts or null", contentElement.ValueKind);
        }

        int? weight = null;
        if (weightElement.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            if (weightElement.ValueKind != JsonValueKind.Number || !weightElement.TryGetInt32(out var w))
            {
                throw WrongType(path, "weight", "an integer (0 or 1)", weightElement.ValueKind);
            }

            weight = w;
        }

        return new TrainingMessage
        {
            Role = role,
            Content = content,
            ContentParts = parts,
            Name = StringOrNull(nameElement, "name", path),
            Weight = weight,
            ToolCalls = toolCallsElement.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : ReadToolCalls(toolCallsElement, path),
            Refusal = StringOrNull(refusalElement, "refusal", path),
            ToolCallId = StringOrNull(toolCallIdElement, "tool_call_id", path),
        };
    }

    private static ImmutableArray<ContentPart> ReadParts(JsonElement array, JsonlPath path)
    {
        var builder = ImmutableArray.CreateBuilder<ContentPart>(array.GetArrayLength());
        var i = 0;
        foreach (var part in array.EnumerateArray())
        {
            path.Push(i++);
            RequireKind(part, JsonValueKind.Object, path);
            var type = RequiredString(part, "type", path);
            switch (type)
            {
                case "text":
                    builder.Add(new TextContentPart(RequiredString(part, "text", path)));
                    break;
                case "image_url":
                    var image = Required(part, "image_url", path);
                    RequireKind(image, JsonValueKind.Object, path.Push("image_url"));
                    var detail = OptionalString(image, "detail", path) switch
                    {
                        null => (ImageDetail?)null,
                        "auto" => ImageDetail.Auto,
                        "low" => ImageDetail.Low,
                        "high" => ImageDetail.High,
                        var other => throw new JsonlMappingException(JsonlErrorCodes.InvalidValue, path.Format("detail"),
                            $"unknown detail '{other}' (expected auto, low or high)."),
                    };
                    builder.Add(new ImageContentPart(RequiredString(image, "url", path), detail));
                    path.Pop();
                    break;
                default:
                    throw new JsonlMappingException(JsonlErrorCodes.InvalidValue, path.Format("type"),
                        $"unknown content part type '{type}' (expected text or image_url).");
            }

            path.Pop();
        }

        return builder.MoveToImmutable();
    }

    private static ImmutableArray<ToolCall> ReadToolCalls(JsonElement array, JsonlPath path)
    {
        RequireKind(array, JsonValueKind.Array, path.Push("tool_calls"));
        var builder = ImmutableArray.CreateBuilder<ToolCall>(array.GetArrayLength());
        var i = 0;
        foreach (var call in array.EnumerateArray())
        {
            path.Push(i++);
            RequireKind(call, JsonValueKind.Object, path);
            RequireFunctionType(call, path);
            var id = RequiredString(call, "id", path);
            var function = Required(call, "function", path);
            RequireKind(function, JsonValueKind.Object, path.Push("function"));
            builder.Add(new ToolCall(id, RequiredString(function, "name", path), RequiredString(function, "arguments", path)));
            path.Pop();
            path.Pop();
        }

        path.Pop();
        return builder.MoveToImmutable();
    }

    private static ImmutableArray<ToolDefinition>? ReadTools(JsonElement owner, JsonlPath path)
    {
        if (!owner.TryGetProperty("tools", out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        RequireKind(array, JsonValueKind.Array, path.Push("tools"));
        var builder = ImmutableArray.CreateBuilder<ToolDefinition>(array.GetArrayLength());
        var i = 0;
        foreach (var tool in array.EnumerateArray())
        {
            path.Push(i++);
            RequireKind(tool, JsonValueKind.Object, path);
            RequireFunctionType(tool, path);
            var function = Required(tool, "function", path);
            RequireKind(function, JsonValueKind.Object, path.Push("function"));
            string? parameters = null;
            if (function.TryGetProperty("parameters", out var parametersElement) && parametersElement.ValueKind != JsonValueKind.Null)
            {
                if (parametersElement.ValueKind != JsonValueKind.Object)
                {
                    throw WrongType(path, "parameters", "an object", parametersElement.ValueKind);
                }

                parameters = parametersElement.GetRawText();
            }

            builder.Add(new ToolDefinition(
                RequiredString(function, "name", path),
                OptionalString(function, "description", path),
                parameters,
                OptionalBool(function, "strict", path)));
            path.Pop();
            path.Pop();
        }

        path.Pop();
        return builder.MoveToImmutable();
    }

    private static void RequireFunctionType(JsonElement owner, JsonlPath path)
    {
        var type = OptionalString(owner, "type", path);
        if (type is not null && type != "function")
        {
            throw new JsonlMappingException(JsonlErrorCodes.InvalidValue, path.Format("type"), $"unsupported type '{type}' (expected function).");
        }
    }

    private static ImmutableArray<string> ReadStrings(JsonElement owner, string name, JsonlPath path)
    {
        if (!owner.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        RequireKind(array, JsonValueKind.Array, path.Push(name));
        var builder = ImmutableArray.CreateBuilder<string>(array.GetArrayLength());
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            RequireKind(item, JsonValueKind.String, path.Push(i++));
            builder.Add(Text(item, path, null));
            path.Pop();
        }

        path.Pop();
        return builder.MoveToImmutable();
    }

    private static JsonElement Required(JsonElement owner, string name, JsonlPath path) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : throw Missing(path, name);

    private static string RequiredString(JsonElement owner, string name, JsonlPath path)
    {
        var value = Required(owner, name, path);
        return value.ValueKind == JsonValueKind.String ? Text(value, path, name) : throw WrongType(path, name, "a string", value.ValueKind);
    }

    private static string? OptionalString(JsonElement owner, string name, JsonlPath path) =>
        owner.TryGetProperty(name, out var value) ? StringOrNull(value, name, path) : null;

    private static string? StringOrNull(JsonElement value, string name, JsonlPath path) => value.ValueKind switch
    {
        JsonValueKind.String => Text(value, path, name),
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        _ => throw WrongType(path, name, "a string", value.ValueKind),
    };

    private static bool? OptionalBool(JsonElement owner, string name, JsonlPath path)
    {
        if (!owner.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => throw WrongType(path, name, "a boolean", value.ValueKind),
        };
    }

    // Reads a string value; an escaped lone surrogate ("\ud800") is valid JSON syntax but no valid text.
    private static string Text(JsonElement value, JsonlPath path, string? name)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new JsonlMappingException(JsonlErrorCodes.InvalidValue, path.Format(name),
                "the string holds an escaped surrogate (\\uD800-\\uDFFF) that is not part of a valid pair.");
        }
    }

    // Checks the kind of the value at the path's top segment.
    private static void RequireKind(JsonElement value, JsonValueKind kind, JsonlPath path)
    {
        if (value.ValueKind != kind)
        {
            throw new JsonlMappingException(JsonlErrorCodes.InvalidType, path.Format(), $"expected {Describe(kind)}, found {Describe(value.ValueKind)}.");
        }
    }

    private static JsonlMappingException Missing(JsonlPath path, string name) =>
        new(JsonlErrorCodes.MissingField, path.Format(name), "required field is missing.");

    private static JsonlMappingException WrongType(JsonlPath path, string name, string expected, JsonValueKind found) =>
        new(JsonlErrorCodes.InvalidType, path.Format(name), $"expected {expected}, found {Describe(found)}.");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    private static int FirstInvalidUtf8Byte(ReadOnlySpan<byte> span)
    {
        var index = 0;
        while (index < span.Length)
        {
            if (Rune.DecodeFromUtf8(span[index..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return index;
            }

            index += consumed;
        }

        return index;
    }

    // Counts the deepest nesting of objects and arrays outside strings, without recursion, to tell a depth error apart.
    private static int Depth(ReadOnlySpan<byte> span)
    {
        int depth = 0, max = 0;
        var inString = false;
        for (var i = 0; i < span.Length; i++)
        {
            var b = span[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }
            }
            else if (b == (byte)'"')
            {
                inString = true;
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                max = Math.Max(max, ++depth);
            }
            else if (b is (byte)'}' or (byte)']')
            {
                depth--;
            }
        }

        return max;
    }
}
